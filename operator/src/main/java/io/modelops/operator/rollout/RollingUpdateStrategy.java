package io.modelops.operator.rollout;

import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;

/**
 * The RollingUpdate release: the stable Deployment takes the new template and Kubernetes replaces
 * pods one at a time (maxSurge 1, maxUnavailable 0), so old pods serve until new ones are ready.
 */
public final class RollingUpdateStrategy implements RolloutStrategy {

  @Override
  public RolloutDecision decide(RolloutInput in) {
    TrackObservation stable = in.stable();
    if (in.blocked()) {
      Problem first = in.problems().stream().filter(Problem::blocksApply).findFirst().orElseThrow();
      String serving =
          stable.exists()
              ? "; the stable Deployment keeps running revision " + stable.revision()
              : "; nothing was created";
      return new RolloutDecision(
          RolloutState.BLOCKED, first.reason(), "spec not applied: " + first.message() + serving);
    }
    if (!in.problems().isEmpty()) {
      Problem first = in.problems().get(0);
      return new RolloutDecision(RolloutState.STALLED, first.reason(), first.message());
    }
    if (in.paused() && !stable.rolledOut()) {
      return new RolloutDecision(
          RolloutState.PAUSED, Reasons.RELEASE_PAUSED, "release paused by spec.release.paused");
    }
    if (!stable.exists() || stable.observedGeneration() == 0) {
      return new RolloutDecision(
          RolloutState.INITIALIZING,
          Reasons.CREATING,
          "creating the stable Deployment, " + readyText(stable));
    }
    if (!stable.rolledOut() || !in.desiredRevision().equals(stable.revision())) {
      return new RolloutDecision(
          RolloutState.ROLLING,
          Reasons.ROLLING_UPDATE,
          "rolling out revision "
              + in.desiredRevision()
              + ": "
              + stable.updatedReplicas()
              + "/"
              + stable.desiredReplicas()
              + " replicas updated, "
              + readyText(stable));
    }
    return new RolloutDecision(
        RolloutState.COMPLETE,
        Reasons.ROLLOUT_COMPLETE,
        "revision " + stable.revision() + " serves version " + stable.version());
  }

  private static String readyText(TrackObservation stable) {
    return stable.readyReplicas() + "/" + stable.desiredReplicas() + " ready";
  }
}
