package io.modelops.localcluster.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkModeTest {

  @Test
  void unsetOrAutoChoosesByRoot() {
    assertEquals(NetworkMode.NAMESPACES, NetworkMode.choose(null, true));
    assertEquals(NetworkMode.SHARED_ADDRESS, NetworkMode.choose(null, false));
    assertEquals(NetworkMode.SHARED_ADDRESS, NetworkMode.choose(" ", false));
    assertEquals(NetworkMode.NAMESPACES, NetworkMode.choose("Auto", true));
  }

  @Test
  void settingForcesSharedAddressEvenForRoot() {
    assertEquals(NetworkMode.SHARED_ADDRESS, NetworkMode.choose("shared-address", true));
    assertEquals(NetworkMode.SHARED_ADDRESS, NetworkMode.choose(" SHARED-ADDRESS ", false));
    assertEquals(NetworkMode.NAMESPACES, NetworkMode.choose("namespaces", true));
  }

  @Test
  void namespacesWithoutRootAndUnknownValuesAreRefusedWithTheReason() {
    var noRoot =
        assertThrows(IllegalArgumentException.class, () -> NetworkMode.choose("namespaces", false));
    assertTrue(noRoot.getMessage().contains("needs root"), noRoot.getMessage());
    var unknown =
        assertThrows(IllegalArgumentException.class, () -> NetworkMode.choose("host", true));
    assertEquals(
        "localcluster.network must be namespaces, shared-address or auto, not 'host'",
        unknown.getMessage());
  }

  @Test
  void sharedAddressIsTheFirstNonLoopbackIpv4OfAnUpInterface() {
    var interfaces =
        List.of(
            new SharedAddress.Interface("lo", true, true, List.of("127.0.0.1")),
            new SharedAddress.Interface("eth1", false, false, List.of("10.0.0.5")),
            new SharedAddress.Interface("eth0", true, false, List.of("192.0.2.2", "192.0.2.3")));
    assertEquals("192.0.2.2", SharedAddress.pick(null, interfaces));
    assertEquals("192.0.2.3", SharedAddress.pick("192.0.2.3", interfaces));
  }

  @Test
  void sharedAddressFailsClearlyWhenNoneOrTheNamedOneIsUnusable() {
    var loopbackOnly = List.of(new SharedAddress.Interface("lo", true, true, List.of("127.0.0.1")));
    var none =
        assertThrows(IllegalStateException.class, () -> SharedAddress.pick(null, loopbackOnly));
    assertTrue(none.getMessage().contains("has none"), none.getMessage());
    var down = List.of(new SharedAddress.Interface("eth1", false, false, List.of("10.0.0.5")));
    var named =
        assertThrows(IllegalStateException.class, () -> SharedAddress.pick("10.0.0.5", down));
    assertTrue(
        named.getMessage().startsWith("localcluster.sharedAddress=10.0.0.5"), named.getMessage());
  }
}
