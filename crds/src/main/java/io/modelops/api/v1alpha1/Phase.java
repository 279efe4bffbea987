package io.modelops.api.v1alpha1;

/** Lifecycle phase of a ModelDeployment. */
public enum Phase {
  /** Accepted, nothing serving yet. */
  Pending,
  /** A rollout or release is under way. */
  Progressing,
  /** A release is held by spec.release.paused. */
  Paused,
  /** The stable track serves with all replicas ready. */
  Healthy,
  /** Serving is impaired or the spec cannot be carried out. */
  Degraded,
  /** The last canary was rolled back; stable serves. */
  RolledBack,
  /** Nothing can serve. */
  Failed
}
