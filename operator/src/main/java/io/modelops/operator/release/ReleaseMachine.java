package io.modelops.operator.release;

import io.modelops.api.v1alpha1.ReleasePhase;
import java.util.List;
import java.util.Optional;

/**
 * The release state machine: from the resolved spec, status.release as last written, both tracks as
 * observed, an analysis verdict, the one-shot commands and the time, it decides each track's
 * template and replicas and the next status.release. Pure: no client, the time comes in the input
 * (from an injected {@link java.time.Clock}), and nothing is remembered between calls, so an
 * operator restarted in any phase continues from the status.
 *
 * <p>Strategy RollingUpdate: the stable track takes the spec's template at the desired replicas,
 * there is no canary and no status.release. Strategy Canary: the phases of {@link ReleasePhase},
 * whose transitions {@link ReleaseWalk} implements:
 *
 * <ul>
 *   <li>{@code Healthy} → {@code Progressing} when the spec's revision differs from the stable
 *       track's (a new release; not started while the canary settings are blocked: GatewayAPI
 *       routing without the Gateway API CRDs).
 *   <li>{@code Progressing} → {@code Progressing} (next step, or a new revision restarts at step
 *       1), {@code Paused} (spec.release.paused, or inconclusive analysis with policy Pause),
 *       {@code Promoting} (every step passed, or the promote annotation), {@code RolledBack}
 *       (failureLimit failed intervals, inconclusive with policy Rollback, the abort annotation,
 *       progressDeadline without progress), {@code Healthy} (the spec returns to the stable
 *       revision).
 *   <li>{@code Paused} → {@code Progressing} (unpaused, or a passed interval after an inconclusive
 *       one), {@code Promoting}, {@code RolledBack}, {@code Healthy} as from Progressing.
 *   <li>{@code Promoting} → {@code Healthy} once the stable track runs the canary's template on all
 *       replicas and the canary has none; {@code Progressing} when the spec names yet another
 *       revision.
 *   <li>{@code RolledBack} → {@code Progressing} when the spec names a revision other than the
 *       rejected one or the retry annotation is set; {@code Healthy} when the spec returns to the
 *       stable revision. The rejected revision alone is never retried.
 * </ul>
 *
 * Every change of replicas goes through {@link ScalePlan}: one phase at a time, the next only once
 * the previous is observed complete, never more than replicas + maxSurgeReplicas pods.
 */
public final class ReleaseMachine {

  /** The plan for this reconcile. */
  public ReleasePlan decide(ReleaseInput in) {
    if (in.spec().canary().isEmpty()) {
      return new ReleasePlan(
          TrackPlan.desired(in.spec().replicas()),
          Optional.empty(),
          false,
          null,
          Optional.empty(),
          in.commands(),
          List.of(),
          0,
          false);
    }
    return new ReleaseWalk(in).run();
  }
}
