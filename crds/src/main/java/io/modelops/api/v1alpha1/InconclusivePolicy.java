package io.modelops.api.v1alpha1;

/** Action on inconclusive analysis. */
public enum InconclusivePolicy {
  /** Hold the current step until data arrives. */
  Pause,
  /** Roll the canary back. */
  Rollback
}
