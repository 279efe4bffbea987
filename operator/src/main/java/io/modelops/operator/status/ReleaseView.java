package io.modelops.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modelops.api.v1alpha1.CanaryStatus;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.rollout.TrackObservation;

/** How a canary release shows in the status: CANARY, WEIGHT, Progressing and the phase. */
final class ReleaseView {

  private ReleaseView() {}

  /** True while a canary release runs or was rolled back. */
  static boolean active(ReleaseStatus release) {
    return release != null
        && release.getPhase() != null
        && release.getPhase() != ReleasePhase.Healthy;
  }

  /**
   * status.canary while the canary Deployment has pods (configured or ready): its version, and the
   * weight it really serves, its ready pods' share of all ready pods behind the Service.
   */
  static CanaryStatus canary(TrackObservation stable, TrackObservation canary) {
    if (!canary.exists() || (canary.desiredReplicas() == 0 && canary.readyReplicas() == 0)) {
      return null;
    }
    CanaryStatus status = new CanaryStatus();
    status.setVersion(canary.version());
    status.setRevision(canary.revision());
    status.setReadyReplicas(canary.readyReplicas());
    int ready = canary.readyReplicas() + (stable.exists() ? stable.readyReplicas() : 0);
    status.setWeight(ready == 0 ? 0 : (int) Math.round(100.0 * canary.readyReplicas() / ready));
    return status;
  }

  /** Progressing while the release moves: True in Progressing and Promoting. */
  static Condition progressing(ReleaseStatus release) {
    boolean moving =
        release.getPhase() == ReleasePhase.Progressing
            || release.getPhase() == ReleasePhase.Promoting;
    String message = release.getMessage() == null ? "" : release.getMessage();
    if (release.getPhase() == ReleasePhase.Progressing && release.getProgress() != null) {
      message =
          "step " + release.getProgress() + " of version " + release.getVersion() + ": " + message;
    }
    String reason =
        release.getPhase() == ReleasePhase.RolledBack ? Reasons.ROLLED_BACK : release.getReason();
    return Conditions.of(Reasons.PROGRESSING, moving, reason, message);
  }

  /** The phase: a problem (Degraded, Failed) or Pending wins, else the release's. */
  static Phase phase(ReleaseStatus release, Phase fromWorkload) {
    if (!active(release) || fromWorkload == Phase.Degraded || fromWorkload == Phase.Failed) {
      return fromWorkload;
    }
    return switch (release.getPhase()) {
      case Paused -> Phase.Paused;
      case RolledBack -> Phase.RolledBack;
      default -> Phase.Progressing;
    };
  }
}
