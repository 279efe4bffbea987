package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.util.Optional;

/**
 * Desired PodDisruptionBudget ({@code <name>}): at most one runtime pod voluntarily evicted at a
 * time. Only when more than one replica runs (with one replica a PDB would block node drains).
 */
public final class PodDisruptionBudgetBuilder {

  private PodDisruptionBudgetBuilder() {}

  /** The PDB, or empty when the deployment runs (at least, with an HPA) one replica or none. */
  public static Optional<PodDisruptionBudget> build(ModelDeployment md) {
    if (StableDeploymentBuilder.initialReplicas(md) <= 1) {
      return Optional.empty();
    }
    PodDisruptionBudget pdb =
        new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
            .withMetadata(
                Owners.metadata(
                    md, ModelDeploymentNames.podDisruptionBudget(md), Labels.standard(md)))
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(Labels.allTracksSelector(md))
            .endSelector()
            .endSpec()
            .build();
    return Optional.of(Hashes.withSpecHash(pdb, pdb.getSpec()));
  }
}
