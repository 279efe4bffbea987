package io.modelops.operator.rollout;

import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleaseStrategy;

/**
 * Decides where a release stands from observations. Pure: no client, no clock reads. Canary and
 * grey releases add implementations (with their own steps) next to {@link RollingUpdateStrategy}.
 */
public interface RolloutStrategy {

  /** The decision for this reconcile. */
  RolloutDecision decide(RolloutInput input);

  /**
   * The strategy for {@code md}. Only RollingUpdate is implemented: a Canary spec is rolled in
   * place until the canary release lands (the reconciler reports that with an Event).
   */
  static RolloutStrategy forSpec(ModelDeployment md) {
    return new RollingUpdateStrategy();
  }

  /** True when {@code md} asks for a strategy that is not implemented yet. */
  static boolean unsupported(ModelDeployment md) {
    var release = md.getSpec().getRelease();
    return release != null && release.getStrategy() == ReleaseStrategy.Canary;
  }
}
