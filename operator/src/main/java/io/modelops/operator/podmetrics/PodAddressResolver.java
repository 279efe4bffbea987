package io.modelops.operator.podmetrics;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.model.PodEndpoints;
import io.modelops.operator.model.RuntimeContainerBuilder;
import java.net.URI;
import java.util.Optional;

/** Where a runtime pod's {@code /metrics} answers. Tests point it at a local server. */
@FunctionalInterface
public interface PodAddressResolver {

  /** The metrics URL of {@code pod}, or empty when it has no address yet. */
  Optional<URI> metricsUri(Pod pod);

  /** Production: {@code http://<podIP>:<http port>/metrics} ({@link PodEndpoints#DIRECT}). */
  static PodAddressResolver podIp() {
    return podIp(PodEndpoints.DIRECT);
  }

  /** {@code <base>/metrics}, the base being where {@code endpoints} reaches the pod. */
  static PodAddressResolver podIp(PodEndpoints endpoints) {
    return pod ->
        endpoints.base(pod).map(base -> URI.create(base + RuntimeContainerBuilder.METRICS_PATH));
  }
}
