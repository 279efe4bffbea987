package io.modelops.operator.release;

import io.modelops.operator.release.TrackPlan.Template;
import java.util.Optional;

/**
 * Turns a target split into this reconcile's track plans, one {@link ScalePlan} phase at a time:
 * the next phase is applied only once both tracks are observed settled (configured replicas ready,
 * no pod terminating). A phase that only shrinks is applied at once when heading for zero canary
 * pods, so a canary that never becomes ready can still be rolled back.
 */
final class Scaling {

  private final ReleaseObservation observed;
  private final int maxSurge;
  private TrackPlan stable;
  private TrackPlan canary;

  Scaling(ReleaseObservation observed, int maxSurge) {
    this.observed = observed;
    this.maxSurge = maxSurge;
  }

  TrackPlan stable() {
    return stable;
  }

  Optional<TrackPlan> canary() {
    return Optional.ofNullable(canary);
  }

  /** Toward a canary step's split; true once it is reached and settled. */
  boolean toStep(int replicas, int weight) {
    return toward(
        ReplicaSplit.forStep(replicas, weight, maxSurge),
        replicas,
        Template.OBSERVED,
        Template.DESIRED,
        false);
  }

  /**
   * Toward promotion: first all replicas on the canary; then (stable on the new template) all on
   * stable. True once the current move is reached; at the end of the first move the stable track
   * switches to the new template at zero pods.
   */
  boolean toPromotion(int replicas, boolean stableOnNew) {
    if (stableOnNew) {
      return toward(
          new ReplicaSplit(0, replicas), replicas, Template.DESIRED, Template.DESIRED, false);
    }
    boolean reached =
        toward(new ReplicaSplit(replicas, 0), replicas, Template.OBSERVED, Template.DESIRED, false);
    if (reached) {
      stable = TrackPlan.desired(0);
    }
    return reached;
  }

  /** Toward all replicas on the stable template; the canary Deployment stays at zero. */
  boolean toRollback(int replicas) {
    return toward(
        new ReplicaSplit(0, replicas), replicas, Template.OBSERVED, Template.OBSERVED, true);
  }

  /** Healthy: stable on the spec's template; a leftover canary drains, then is deleted. */
  void drainCanary(int replicas) {
    if (!observed.canary().exists()) {
      stable = TrackPlan.desired(replicas);
      return;
    }
    if (toward(
        new ReplicaSplit(0, replicas), replicas, Template.DESIRED, Template.OBSERVED, true)) {
      canary = null;
    }
  }

  /** A release that cannot start: stable keeps its template; a leftover canary drains. */
  void holdStable(int replicas) {
    if (!observed.canary().exists()) {
      stable = TrackPlan.observed(observed.stable().desiredReplicas());
      return;
    }
    toRollback(replicas);
  }

  /** Keep the configured split (paused). */
  void hold() {
    ReplicaSplit now = observed.configured();
    stable = TrackPlan.observed(now.stable());
    canary = TrackPlan.desired(now.canary());
  }

  void dropCanary() {
    canary = null;
  }

  private boolean toward(
      ReplicaSplit target,
      int replicas,
      Template stableTemplate,
      Template canaryTemplate,
      boolean shrinkUnsettled) {
    ReplicaSplit now = observed.configured();
    boolean settled = observed.settled();
    ReplicaSplit apply = now;
    boolean reached = false;
    if (now.equals(target)) {
      reached = settled;
    } else {
      ReplicaSplit phase =
          ScalePlan.phases(now, target, Math.max(replicas + maxSurge, target.total())).get(0);
      boolean shrinkOnly = phase.canary() <= now.canary() && phase.stable() <= now.stable();
      if (settled || (shrinkUnsettled && shrinkOnly)) {
        apply = phase;
      }
    }
    stable = new TrackPlan(stableTemplate, apply.stable());
    canary = new TrackPlan(canaryTemplate, apply.canary());
    return reached;
  }
}
