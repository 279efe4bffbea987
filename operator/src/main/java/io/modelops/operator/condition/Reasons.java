package io.modelops.operator.condition;

/** Condition types and reasons the operator writes (see docs/api.md). */
public final class Reasons {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  // Ready
  public static final String STABLE_SERVING = "StableServing";
  public static final String REPLICAS_NOT_READY = "ReplicasNotReady";
  public static final String NOT_DEPLOYED = "NotDeployed";
  public static final String SCALED_TO_ZERO = "ScaledToZero";

  // Progressing
  public static final String CREATING = "Creating";
  public static final String ROLLING_UPDATE = "RollingUpdate";
  public static final String ROLLOUT_COMPLETE = "RolloutComplete";
  public static final String RELEASE_PAUSED = "ReleasePaused";

  // Release (status.release.reason, Progressing while a canary release runs, Events)
  public static final String RELEASE_STARTED = "ReleaseStarted";
  public static final String RELEASE_RESTARTED = "ReleaseRestarted";
  public static final String CANARY_STEP = "CanaryStep";
  public static final String STEP_PASSED = "StepPassed";
  public static final String ALL_STEPS_PASSED = "AllStepsPassed";
  public static final String PROMOTED_BY_HAND = "PromotedByHand";
  public static final String PROMOTED = "Promoted";
  public static final String ANALYSIS_FAILED = "AnalysisFailed";
  public static final String ANALYSIS_INCONCLUSIVE = "AnalysisInconclusive";
  public static final String ABORTED = "Aborted";
  public static final String RETRIED = "Retried";
  public static final String SPEC_REVERTED = "SpecReverted";
  public static final String RELEASE_RESUMED = "ReleaseResumed";
  public static final String ROLLED_BACK = "RolledBack";

  // Degraded
  public static final String AS_EXPECTED = "AsExpected";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String PVC_NOT_FOUND = "PersistentVolumeClaimNotFound";
  public static final String IMAGE_PULL_FAILED = "ImagePullFailed";
  public static final String MODEL_LOAD_FAILED = "ModelLoadFailed";
  public static final String CRASH_LOOP = "CrashLoopBackOff";
  public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
  public static final String REPLICA_FAILURE = "ReplicaFailure";
  public static final String APPLY_REJECTED = "ApplyRejected";
  public static final String NAME_CONFLICT = "NameConflict";
  public static final String RECONCILE_FAILED = "ReconcileFailed";

  /** A GPU was requested, but a ready pod's runtime serves on cpu (no usable CUDA provider). */
  public static final String ACCELERATOR_NOT_USED = "AcceleratorNotUsed";

  /**
   * trafficRouting GatewayAPI, but the API server does not serve HTTPRoutes (no Gateway API CRDs).
   */
  public static final String GATEWAY_API_MISSING = "GatewayApiMissing";

  private Reasons() {}
}
