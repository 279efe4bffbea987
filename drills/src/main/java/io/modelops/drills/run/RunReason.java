package io.modelops.drills.run;

/** CamelCase reasons a DrillRun ends with (status.reason, Events). */
public enum RunReason {
  /** Recovered within the RTO target. */
  RtoMet,
  /** Recovered, but slower than the RTO target. */
  RtoExceeded,
  /** Never recovered within recovery.timeout. */
  RecoveryTimeout,
  /** The probes saw a worse error ratio or p99 than the abort thresholds. */
  SloBurn,
  /** A blackout window started (abort order from the schedule). */
  Blackout,
  /** The kill switch is engaged (operator setting or namespace annotation). */
  KillSwitch,
  /** The target ModelDeployment does not exist. */
  TargetNotFound,
  /** The target's Ready condition is not True. */
  TargetNotReady,
  /** The target track has fewer ready replicas than guards.minReadyReplicas. */
  TooFewReadyReplicas,
  /** A release is in progress (Progressing, Paused or Promoting). */
  ReleaseInProgress,
  /** target.track is Canary and no canary runs. */
  NoCanary,
  /** The schedule's concurrencyPolicy Replace started a newer run. */
  Replaced,
  /** Someone asked for the abort with the annotation modelops.io/drill-abort. */
  AbortRequested,
  /** dryRun: guards passed, nothing injected. */
  DryRun,
  /** The fault type or engine is not implemented by this operator yet. */
  Unsupported,
  /** The engine or the API server failed. */
  EngineError
}
