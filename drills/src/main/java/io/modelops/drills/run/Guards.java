package io.modelops.drills.run;

import io.modelops.api.v1alpha1.DrillTrack;
import io.modelops.drills.schedule.KillSwitch;
import java.util.Optional;

/**
 * The checks made before anything is injected, in this order: kill switch, target exists, target
 * Ready, a canary to target, enough ready replicas, no release in progress. The first that fails
 * makes the run Skipped with its reason. (Blackout windows belong to schedules: the schedule
 * creates a due run already Skipped, and orders running ones aborted.)
 */
public final class Guards {

  private Guards() {}

  /** Why the drill must not inject now, if so. */
  public static Optional<Note> check(RunPlan plan, TargetState target, KillSwitch kill) {
    if (kill.engaged()) {
      return note(RunReason.KillSwitch, "drills are stopped by the " + kill.source());
    }
    if (!target.exists()) {
      return note(RunReason.TargetNotFound, "the target ModelDeployment does not exist");
    }
    if (plan.requireReady() && !target.ready()) {
      return note(RunReason.TargetNotReady, "the target's Ready condition is not True");
    }
    if (plan.track() == DrillTrack.Canary && !target.canaryRunning()) {
      return note(RunReason.NoCanary, "target.track is Canary and no canary runs");
    }
    if (target.readyReplicas() < plan.minReadyReplicas()) {
      return note(
          RunReason.TooFewReadyReplicas,
          target.readyReplicas()
              + " ready replicas, guards.minReadyReplicas is "
              + plan.minReadyReplicas());
    }
    return releaseStarted(plan, target);
  }

  /** A release in progress, when the plan skips (and aborts) drills during releases. */
  public static Optional<Note> releaseStarted(RunPlan plan, TargetState target) {
    if (plan.skipDuringRelease() && target.releaseInProgress()) {
      return note(RunReason.ReleaseInProgress, "the target's release is " + target.releasePhase());
    }
    return Optional.empty();
  }

  private static Optional<Note> note(RunReason reason, String message) {
    return Optional.of(new Note(reason, message));
  }
}
