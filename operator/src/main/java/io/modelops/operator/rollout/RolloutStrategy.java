package io.modelops.operator.rollout;

import io.modelops.api.v1alpha1.ModelDeployment;

/**
 * Decides where a release stands from observations. Pure: no client, no clock reads. Canary and
 * grey releases add implementations (with their own steps) next to {@link RollingUpdateStrategy}.
 */
public interface RolloutStrategy {

  /** The decision for this reconcile. */
  RolloutDecision decide(RolloutInput input);

  /**
   * The strategy that reports the stable Deployment's own rollout. A canary release is decided by
   * {@link io.modelops.operator.release.ReleaseMachine}; this one still describes the stable track
   * when no release is under way.
   */
  static RolloutStrategy forSpec(ModelDeployment md) {
    return new RollingUpdateStrategy();
  }
}
