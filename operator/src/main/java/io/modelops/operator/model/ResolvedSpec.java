package io.modelops.operator.model;

import io.modelops.api.v1alpha1.ModelDeployment;
import java.time.Duration;
import java.util.Optional;

/**
 * A ModelDeployment's spec resolved once per reconcile: defaults applied, URI and durations parsed.
 * The release state machine and the builders read this, never the raw spec's optional fields.
 *
 * @param md the ModelDeployment (names, labels, runtime settings)
 * @param uri the parsed model URI
 * @param replicas desired replicas: spec.runtime.replicas, or minReplicas with autoscaling
 * @param autoscaled true when an HPA owns the stable replica count outside releases
 * @param progressDeadline spec.release.progressDeadline or the operator's default
 * @param paused spec.release.paused
 * @param canary the canary settings when strategy is Canary, else empty (RollingUpdate)
 */
public record ResolvedSpec(
    ModelDeployment md,
    ModelUri uri,
    int replicas,
    boolean autoscaled,
    Duration progressDeadline,
    boolean paused,
    Optional<CanaryRelease> canary) {

  /** The model version the spec names. */
  public String version() {
    return md.getSpec().getModel().getVersion();
  }

  /** The same spec with other canary settings. */
  public ResolvedSpec withCanary(CanaryRelease other) {
    return new ResolvedSpec(
        md, uri, replicas, autoscaled, progressDeadline, paused, Optional.of(other));
  }
}
