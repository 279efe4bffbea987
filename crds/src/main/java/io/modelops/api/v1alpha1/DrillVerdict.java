package io.modelops.api.v1alpha1;

/** The outcome of a DrillRun. */
public enum DrillVerdict {
  /** Steady state held within the abort limits and came back within the RTO target. */
  Passed,
  /** The drill ran but recovery was slower than the RTO target or never came. */
  Failed,
  /** Stopped early; the reason says why (SloBurn, Blackout, KillSwitch, ...). */
  Aborted,
  /** Never injected; the reason names the guard. */
  Skipped,
  /** The operator could not carry the drill out (engine or API error). */
  Error
}
