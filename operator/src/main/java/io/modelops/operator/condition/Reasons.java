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

  private Reasons() {}
}
