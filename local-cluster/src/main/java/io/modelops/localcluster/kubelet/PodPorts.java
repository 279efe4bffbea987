package io.modelops.localcluster.kubelet;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a pod's container ports really listen. In {@link NetworkMode#NAMESPACES} mode each pod has
 * its own address, so a container port is its own port and the map is empty; in {@link
 * NetworkMode#SHARED_ADDRESS} mode every container port gets a host port of the shared address. The
 * kubelet writes the map to the pod as the annotation {@value #ANNOTATION} ({@code
 * "8080=41234,9090=41235"}), so whoever connects to an endpoint (podIP, containerPort), such as the
 * Service proxy, can find the port to use. Immutable.
 */
public final class PodPorts {

  /** The pod annotation holding the map. */
  public static final String ANNOTATION = "localcluster.modelops.io/ports";

  /** No mapping: every container port is its own port. */
  public static final PodPorts NONE = new PodPorts(Map.of());

  private final Map<Integer, Integer> hostPorts;

  private PodPorts(Map<Integer, Integer> hostPorts) {
    this.hostPorts = Map.copyOf(hostPorts);
  }

  /** A map of container port to host port; each must be 1 to 65535. */
  public static PodPorts of(Map<Integer, Integer> hostPorts) {
    hostPorts.forEach(
        (container, host) -> {
          checkPort(container, "container port");
          checkPort(host, "host port");
        });
    return new PodPorts(hostPorts);
  }

  /**
   * The map in an annotation value; null or blank is {@link #NONE}.
   *
   * @throws IllegalArgumentException when the value is not {@code port=port[,port=port...]}
   */
  public static PodPorts parse(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return NONE;
    }
    Map<Integer, Integer> map = new TreeMap<>();
    for (String pair : annotation.split(",")) {
      String[] parts = pair.strip().split("=");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            ANNOTATION + ": '" + pair.strip() + "' is not containerPort=hostPort");
      }
      try {
        map.put(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            ANNOTATION + ": '" + pair.strip() + "' is not containerPort=hostPort", e);
      }
    }
    return of(map);
  }

  /** The port to connect to for {@code containerPort}: its host port, else itself. */
  public int hostPort(int containerPort) {
    return hostPorts.getOrDefault(containerPort, containerPort);
  }

  /** Whether {@code containerPort} has a host port of its own. */
  public boolean maps(int containerPort) {
    return hostPorts.containsKey(containerPort);
  }

  public boolean isEmpty() {
    return hostPorts.isEmpty();
  }

  /** The annotation value, ordered by container port. */
  public String format() {
    return new TreeMap<>(hostPorts)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PodPorts other && hostPorts.equals(other.hostPorts);
  }

  @Override
  public int hashCode() {
    return hostPorts.hashCode();
  }

  @Override
  public String toString() {
    return format();
  }

  private static void checkPort(Integer port, String what) {
    if (port == null || port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          ANNOTATION + ": " + what + " " + port + " is not between 1 and 65535");
    }
  }
}
