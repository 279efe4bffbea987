package io.modelops.localcluster.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NetworkMode#SHARED_ADDRESS} networking: no namespaces, every pod's IP is one address of
 * this machine ({@link SharedAddress}), and each container port of a pod gets a free port of that
 * address, recorded as {@link PodPorts}. A port is free when it is handed out; nothing holds it
 * until the program binds it, so another process on the machine could take it first (the container
 * then fails to bind and restarts with the same map: rare, and visible in its log).
 */
final class SharedAddressNetwork implements PodAddressing {

  private final String address;
  private final Map<String, PodPorts> pods = new ConcurrentHashMap<>();

  SharedAddressNetwork(String address) {
    this.address = address;
  }

  @Override
  public NetworkMode mode() {
    return NetworkMode.SHARED_ADDRESS;
  }

  @Override
  public String nodeAddress() {
    return address;
  }

  @Override
  public String describe() {
    return "shared address " + address + " (a host port per container port)";
  }

  @Override
  public synchronized PodAddress create(String podUid, Set<Integer> containerPorts) {
    PodPorts ports =
        pods.computeIfAbsent(
            podUid,
            u -> {
              Map<Integer, Integer> map = new TreeMap<>();
              containerPorts.forEach(p -> map.put(p, freePort()));
              return PodPorts.of(map);
            });
    return new PodAddress(address, null, ports);
  }

  private int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + address, e);
    }
  }

  @Override
  public void delete(String podUid) {
    pods.remove(podUid);
  }

  @Override
  public PodNetwork.Sandbox sandbox(String podUid) {
    return null;
  }

  @Override
  public void close() {
    pods.clear();
  }
}
