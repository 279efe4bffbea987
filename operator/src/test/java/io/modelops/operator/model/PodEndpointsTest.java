package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the operator reaches a runtime pod: its IP and http port, or the pod's own port map. */
class PodEndpointsTest {

  private static final String MAP = "localcluster.modelops.io/ports";

  private static Pod pod(String ip, Integer httpPort, Map<String, String> annotations) {
    var builder =
        new PodBuilder()
            .withNewMetadata()
            .withName("ctr-stable-abc")
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("runtime")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPodIP(ip)
            .endStatus();
    Pod pod = builder.build();
    if (httpPort != null) {
      pod.getSpec()
          .getContainers()
          .get(0)
          .getPorts()
          .add(new ContainerPortBuilder().withName("http").withContainerPort(httpPort).build());
    }
    return pod;
  }

  @Test
  void directIsThePodIpAndTheNamedHttpPortWhateverThePodSays() {
    var pod = pod("10.244.1.7", 9000, Map.of(MAP, "9000=41234"));
    assertEquals(Optional.of("http://10.244.1.7:9000"), PodEndpoints.DIRECT.base(pod));
    assertEquals(
        Optional.of("http://10.244.1.7:8080"),
        PodEndpoints.DIRECT.base(pod("10.244.1.7", null, Map.of())),
        "no port named http: the runtime's 8080");
    assertEquals(
        Optional.of("http://[fd00::7]:8080"), PodEndpoints.DIRECT.base(pod("fd00::7", null, null)));
  }

  @Test
  void aNamedAnnotationMovesTheHttpPort() {
    var endpoints = PodEndpoints.mappedBy(Optional.of(MAP));
    assertEquals(
        Optional.of("http://192.168.0.5:41234"),
        endpoints.base(pod("192.168.0.5", 8080, Map.of(MAP, "9090=41235, 8080=41234"))));
    assertEquals(
        Optional.of("http://192.168.0.5:8080"),
        endpoints.base(pod("192.168.0.5", 8080, Map.of())),
        "a pod without the map is reached at its container port");
    assertEquals(
        Optional.of("http://192.168.0.5:8080"),
        endpoints.base(pod("192.168.0.5", 8080, Map.of(MAP, "9090=41235"))),
        "a map that does not name the port leaves it");
  }

  @Test
  void anUnreadableMapLeavesTheContainerPort() {
    assertEquals(8080, PodEndpoints.mapped("8080:41234", 8080));
    assertEquals(8080, PodEndpoints.mapped("8080=x", 8080));
    assertEquals(8080, PodEndpoints.mapped("8080=70000", 8080));
    assertEquals(41234, PodEndpoints.mapped("junk,8080=41234", 8080));
  }

  @Test
  void blankAnnotationSettingIsDirect() {
    assertEquals(PodEndpoints.DIRECT, PodEndpoints.mappedBy(Optional.of("  ")));
    assertEquals(PodEndpoints.DIRECT, PodEndpoints.mappedBy(Optional.empty()));
    assertEquals(
        Optional.of(MAP), PodEndpoints.mappedBy(Optional.of(" " + MAP + " ")).annotation());
  }

  @Test
  void aPodWithoutAnIpHasNoEndpointYet() {
    var pod = pod(null, 8080, null);
    assertTrue(PodEndpoints.DIRECT.base(pod).isEmpty());
    var e = assertThrows(IllegalStateException.class, () -> PodEndpoints.DIRECT.url(pod));
    assertEquals("pod ctr-stable-abc has no IP yet", e.getMessage());
  }
}
