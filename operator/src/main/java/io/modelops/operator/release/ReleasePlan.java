package io.modelops.operator.release;

import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Problem;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@link ReleaseMachine} decided for one reconcile; the builders render it.
 *
 * @param stable the stable track
 * @param canary the canary track; empty: no canary Deployment (deleted if present)
 * @param autoscalerSuspended true while a release runs: the HPA must not fight the replica split
 * @param status status.release to write (null for RollingUpdate)
 * @param transition the phase or step change of this reconcile, for an Event
 * @param consumed commands to remove from the annotations (they had effect or have none)
 * @param problems problems the release found (a release that cannot be carried out)
 * @param routeWeight the canary's weight (percent) in the HTTPRoute with GatewayAPI routing: the
 *     step's weight once its split is reached (the previous step's until then), the ready pods'
 *     share while Promoting (both tracks then serve the new version), 0 when Healthy or RolledBack
 * @param greyRouted true when the grey cohort's header rule sends its requests to the canary:
 *     Progressing or Paused once the canary's pods reached a step's split (before that, and when
 *     Healthy, RolledBack or Promoting, the cohort follows the weights like everyone else, so it
 *     never meets a canary Service without pods)
 */
public record ReleasePlan(
    TrackPlan stable,
    Optional<TrackPlan> canary,
    boolean autoscalerSuspended,
    ReleaseStatus status,
    Optional<Transition> transition,
    Set<ReleaseCommand> consumed,
    List<Problem> problems,
    int routeWeight,
    boolean greyRouted) {

  /** A change the operator announces with an Event. */
  public record Transition(ReleasePhase from, ReleasePhase to, String reason, String message) {}

  public ReleasePlan {
    consumed = Set.copyOf(consumed);
    problems = List.copyOf(problems);
  }

  /** True while a canary release is under way or being rolled back (not Healthy, not none). */
  public boolean releaseActive() {
    return status != null && status.getPhase() != ReleasePhase.Healthy;
  }
}
