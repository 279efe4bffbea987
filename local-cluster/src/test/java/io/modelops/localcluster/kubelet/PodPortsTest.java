package io.modelops.localcluster.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodPortsTest {

  @Test
  void mapsDeclaredPortsAndLeavesOthers() {
    var ports = PodPorts.of(Map.of(9090, 41235, 8080, 41234));
    assertEquals(41234, ports.hostPort(8080));
    assertEquals(41235, ports.hostPort(9090));
    assertEquals(7000, ports.hostPort(7000));
    assertTrue(ports.maps(8080));
    assertFalse(ports.maps(7000));
    assertEquals(8080, PodPorts.NONE.hostPort(8080));
  }

  @Test
  void annotationRoundTripsOrderedByContainerPort() {
    var ports = PodPorts.of(Map.of(9090, 41235, 8080, 41234));
    assertEquals("8080=41234,9090=41235", ports.format());
    assertEquals(ports, PodPorts.parse(" 8080=41234, 9090=41235 "));
    assertEquals(PodPorts.NONE, PodPorts.parse(null));
    assertEquals(PodPorts.NONE, PodPorts.parse(""));
  }

  @Test
  void badAnnotationsAndPortsAreRefusedWithTheReason() {
    var pair = assertThrows(IllegalArgumentException.class, () -> PodPorts.parse("8080:41234"));
    assertEquals(
        "localcluster.modelops.io/ports: '8080:41234' is not containerPort=hostPort",
        pair.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PodPorts.parse("8080=http"));
    Map<Integer, Integer> tooHigh = new HashMap<>();
    tooHigh.put(8080, 70000);
    var range = assertThrows(IllegalArgumentException.class, () -> PodPorts.of(tooHigh));
    assertEquals(
        "localcluster.modelops.io/ports: host port 70000 is not between 1 and 65535",
        range.getMessage());
  }
}
