package io.modelops.drills.run;

/**
 * What the guards need to know of the target ModelDeployment, read by the reconciler.
 *
 * @param exists the ModelDeployment exists
 * @param ready its Ready condition is True
 * @param readyReplicas ready, not terminating pods of the targeted track
 * @param releasePhase status.release.phase, or null
 * @param canaryRunning a canary track exists (for target.track Canary)
 */
public record TargetState(
    boolean exists, boolean ready, int readyReplicas, String releasePhase, boolean canaryRunning) {

  /** The target does not exist. */
  public static final TargetState MISSING = new TargetState(false, false, 0, null, false);

  /** Progressing, Paused or Promoting: a release is under way (docs/releases.md). */
  public boolean releaseInProgress() {
    return "Progressing".equals(releasePhase)
        || "Paused".equals(releasePhase)
        || "Promoting".equals(releasePhase);
  }
}
