package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;

/**
 * Where the operator reaches a runtime pod's HTTP port ({@code /metrics}, the drills' probes and
 * fault admin calls): {@code http://<pod IP>:<port>}, the port being the runtime container's port
 * named {@code http} (8080 when none is named).
 *
 * <p>In a cluster whose pods share one address (the project's local cluster run without root: every
 * pod has the same IP and each container port is moved to a port of its own), the pod itself says
 * where a container port really listens, in an annotation {@code containerPort=port[,...]}. {@link
 * #mappedBy} names that annotation (operator setting {@code modelops.pod-port-annotation}, chart
 * value {@code podPortAnnotation}); {@link #DIRECT}, the default, ignores annotations, as every
 * real cluster needs. Immutable.
 */
public final class PodEndpoints {

  /** Pod IP and container port, as in every cluster where pods have addresses of their own. */
  public static final PodEndpoints DIRECT = new PodEndpoints(null);

  private final String annotation;

  private PodEndpoints(String annotation) {
    this.annotation = annotation;
  }

  /** Container ports mapped by the pod annotation {@code annotation}; blank is {@link #DIRECT}. */
  public static PodEndpoints mappedBy(Optional<String> annotation) {
    return annotation
        .filter(a -> !a.isBlank())
        .map(a -> new PodEndpoints(a.strip()))
        .orElse(DIRECT);
  }

  /** The annotation that maps container ports, when one is set. */
  public Optional<String> annotation() {
    return Optional.ofNullable(annotation);
  }

  /** {@code http://<host>:<port>} of {@code pod}'s runtime, or empty while it has no IP. */
  public Optional<String> base(Pod pod) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (ip == null || ip.isBlank()) {
      return Optional.empty();
    }
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    return Optional.of("http://" + host + ":" + port(pod));
  }

  /**
   * {@link #base}, for a pod known to have an IP (a ready pod).
   *
   * @throws IllegalStateException when it has none
   */
  public String url(Pod pod) {
    return base(pod)
        .orElseThrow(
            () ->
                new IllegalStateException("pod " + pod.getMetadata().getName() + " has no IP yet"));
  }

  /** The port that answers for the runtime container's {@code http} port. */
  int port(Pod pod) {
    int containerPort = httpPort(pod);
    if (annotation == null || pod.getMetadata() == null) {
      return containerPort;
    }
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String map = annotations == null ? null : annotations.get(annotation);
    return map == null ? containerPort : mapped(map, containerPort);
  }

  /**
   * The port {@code map} ({@code "8080=41234,9090=41235"}) gives {@code containerPort}; the
   * container port itself when the map does not name it or cannot be read.
   */
  static int mapped(String map, int containerPort) {
    for (String pair : map.split(",")) {
      String[] parts = pair.split("=");
      if (parts.length != 2) {
        continue;
      }
      try {
        if (Integer.parseInt(parts[0].strip()) == containerPort) {
          int port = Integer.parseInt(parts[1].strip());
          return port >= 1 && port <= 65535 ? port : containerPort;
        }
      } catch (NumberFormatException e) {
        // not a port pair: skip it
      }
    }
    return containerPort;
  }

  private static int httpPort(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return RuntimeContainerBuilder.PORT;
    }
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getPorts() == null) {
        continue;
      }
      for (ContainerPort p : c.getPorts()) {
        if (RuntimeContainerBuilder.PORT_NAME.equals(p.getName()) && p.getContainerPort() != null) {
          return p.getContainerPort();
        }
      }
    }
    return RuntimeContainerBuilder.PORT;
  }
}
