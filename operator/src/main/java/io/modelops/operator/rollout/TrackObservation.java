package io.modelops.operator.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.modelops.operator.model.StableDeploymentBuilder;
import java.util.Optional;

/**
 * What the API server says about one track's Deployment, reduced to the numbers the rollout and the
 * status need.
 *
 * @param exists whether the Deployment exists
 * @param revision pod template revision it is configured with
 * @param version model version it is configured with
 * @param desiredReplicas spec.replicas
 * @param replicas status.replicas (all pods, old and new)
 * @param updatedReplicas pods on the current template
 * @param readyReplicas ready pods
 * @param availableReplicas available pods
 * @param generation metadata.generation
 * @param observedGeneration status.observedGeneration
 */
public record TrackObservation(
    boolean exists,
    String revision,
    String version,
    int desiredReplicas,
    int replicas,
    int updatedReplicas,
    int readyReplicas,
    int availableReplicas,
    long generation,
    long observedGeneration) {

  /** No Deployment. */
  public static TrackObservation absent() {
    return new TrackObservation(false, null, null, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Reads a Deployment (null means absent). */
  public static TrackObservation of(Deployment deployment) {
    if (deployment == null) {
      return absent();
    }
    var spec = deployment.getSpec();
    var status = deployment.getStatus();
    Long generation = deployment.getMetadata().getGeneration();
    return new TrackObservation(
        true,
        StableDeploymentBuilder.revisionOf(deployment),
        StableDeploymentBuilder.modelVersionOf(deployment),
        spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas(),
        status == null ? 0 : orZero(status.getReplicas()),
        status == null ? 0 : orZero(status.getUpdatedReplicas()),
        status == null ? 0 : orZero(status.getReadyReplicas()),
        status == null ? 0 : orZero(status.getAvailableReplicas()),
        generation == null ? 0 : generation,
        status == null || status.getObservedGeneration() == null
            ? 0
            : status.getObservedGeneration());
  }

  /**
   * True when the Deployment controller has seen the latest spec, every replica runs the current
   * template, no old pod is left and all are available.
   */
  public boolean rolledOut() {
    return exists
        && observedGeneration >= generation
        && updatedReplicas >= desiredReplicas
        && replicas <= updatedReplicas
        && availableReplicas >= desiredReplicas;
  }

  /** The Deployment condition of {@code type}, if reported. */
  public static Optional<DeploymentCondition> condition(Deployment deployment, String type) {
    if (deployment == null
        || deployment.getStatus() == null
        || deployment.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return deployment.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
