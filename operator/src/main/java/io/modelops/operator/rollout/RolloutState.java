package io.modelops.operator.rollout;

/**
 * Where a release of a ModelDeployment stands. Derived afresh from the observed objects on every
 * reconcile (no in-memory truth); each state names the states it may move to.
 */
public enum RolloutState {
  /**
   * No stable Deployment yet; it is being created. Next: {@link #ROLLING}, {@link #COMPLETE},
   * {@link #BLOCKED}, {@link #STALLED}.
   */
  INITIALIZING,
  /**
   * The stable Deployment is replacing its pods with the current template. Next: {@link #COMPLETE},
   * {@link #STALLED}, {@link #PAUSED}, {@link #BLOCKED}.
   */
  ROLLING,
  /**
   * Every replica runs the current template and is available. Next: {@link #ROLLING} (a spec change
   * or lost pods), {@link #PAUSED}, {@link #BLOCKED}, {@link #STALLED}.
   */
  COMPLETE,
  /** {@code spec.release.paused} holds the rollout. Next: {@link #ROLLING}, {@link #COMPLETE}. */
  PAUSED,
  /**
   * The workload cannot make progress (image pull failing, crash loop, deadline exceeded); the old
   * pods keep serving. Next: {@link #ROLLING} (spec fixed), {@link #COMPLETE}.
   */
  STALLED,
  /**
   * The spec cannot be applied (for example the PVC does not exist); nothing was written and what
   * serves stays as it was. Next: {@link #ROLLING}, {@link #INITIALIZING}, {@link #COMPLETE}.
   */
  BLOCKED
}
