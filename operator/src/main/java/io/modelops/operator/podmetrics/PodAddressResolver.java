package io.modelops.operator.podmetrics;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.model.RuntimeContainerBuilder;
import java.net.URI;
import java.util.Optional;

/** Where a runtime pod's {@code /metrics} answers. Tests point it at a local server. */
@FunctionalInterface
public interface PodAddressResolver {

  /** The metrics URL of {@code pod}, or empty when it has no address yet. */
  Optional<URI> metricsUri(Pod pod);

  /**
   * Production: {@code http://<podIP>:<port>/metrics}, the port being the runtime container's port
   * named {@code http} in the pod spec (8080 when the spec names none).
   */
  static PodAddressResolver podIp() {
    return pod -> {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip == null || ip.isBlank()) {
        return Optional.empty();
      }
      String host = ip.contains(":") ? "[" + ip + "]" : ip;
      return Optional.of(
          URI.create(
              "http://" + host + ":" + httpPort(pod) + RuntimeContainerBuilder.METRICS_PATH));
    };
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
