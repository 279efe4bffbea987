package io.modelops.api.v1alpha1;

/** What a DrillSchedule does when a run is due while an earlier run of it is still active. */
public enum ConcurrencyPolicy {
  /** Start the new run beside the active ones. */
  Allow,
  /** Do not start the new run; it starts late once the active run ends, within the deadline. */
  Forbid,
  /** Abort the active runs (their faults are removed) and start the new run. */
  Replace
}
