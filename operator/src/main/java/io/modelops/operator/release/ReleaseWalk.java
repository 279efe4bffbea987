package io.modelops.operator.release;

import static io.modelops.api.v1alpha1.ReleasePhase.Healthy;
import static io.modelops.api.v1alpha1.ReleasePhase.Paused;
import static io.modelops.api.v1alpha1.ReleasePhase.Progressing;
import static io.modelops.api.v1alpha1.ReleasePhase.Promoting;
import static io.modelops.api.v1alpha1.ReleasePhase.RolledBack;

import io.modelops.api.v1alpha1.InconclusivePolicy;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.CanaryRelease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One decision of the canary state machine (transitions in {@link ReleaseMachine}'s Javadoc). */
final class ReleaseWalk {

  private final ReleaseInput in;
  private final CanaryRelease canary;
  private final ReleaseObservation observed;
  private final ReleasePhase before;
  private final String stableRevision;
  private final Instant now;
  private final ReleaseStatus next;
  private final Set<ReleaseCommand> acted = EnumSet.noneOf(ReleaseCommand.class);
  private final List<Problem> problems = new ArrayList<>();
  private final Scaling scaling;
  private ReleasePlan.Transition transition;

  ReleaseWalk(ReleaseInput in) {
    this.in = in;
    this.canary = in.spec().canary().orElseThrow();
    this.observed = in.observed();
    this.before =
        in.previous() == null || in.previous().getPhase() == null
            ? Healthy
            : in.previous().getPhase();
    this.stableRevision = observed.stable().revision();
    this.now = in.now();
    this.next = in.previous() == null ? new ReleaseStatus() : ReleaseStatuses.copy(in.previous());
    this.scaling = new Scaling(observed, canary.maxSurgeReplicas());
  }

  ReleasePlan run() {
    String desired = in.desiredRevision();
    if (!observed.stable().exists() || stableRevision == null) {
      healthy(null, null); // the first deployment: straight to stable, nothing to compare with
    } else if (before == Healthy) {
      if (desired.equals(stableRevision)) {
        healthy(null, null);
      } else {
        startOrRefuse(Reasons.RELEASE_STARTED, "releasing revision " + desired);
      }
    } else if (before == RolledBack) {
      fromRolledBack(desired);
    } else if (!desired.equals(next.getRevision())) {
      if (desired.equals(stableRevision)) {
        healthy(Reasons.SPEC_REVERTED, "the spec names the stable revision again");
      } else {
        startOrRefuse(Reasons.RELEASE_RESTARTED, "the spec names revision " + desired);
      }
    } else if (before != Promoting && command(ReleaseCommand.ABORT)) {
      rollBack(Reasons.ABORTED, "aborted by the annotation " + ReleaseCommand.ABORT.annotation());
    } else if (before != Promoting && command(ReleaseCommand.PROMOTE)) {
      promote(Reasons.PROMOTED_BY_HAND, "promoted by the annotation");
    } else if (before == Promoting) {
      promoting();
    } else if (before == Paused) {
      paused();
    } else {
      progressing();
    }
    Set<ReleaseCommand> consumed = EnumSet.noneOf(ReleaseCommand.class);
    consumed.addAll(in.commands());
    consumed.removeAll(acted);
    return new ReleasePlan(
        scaling.stable(),
        scaling.canary(),
        next.getPhase() != Healthy,
        next,
        Optional.ofNullable(transition),
        consumed,
        problems,
        routeWeight(),
        greyRouted());
  }

  private boolean greyRouted() {
    ReleasePhase phase = next.getPhase();
    return (phase == Progressing || phase == Paused)
        && (next.getStepStartedAt() != null || orZero(next.getStep()) > 0);
  }

  /** The canary's HTTPRoute weight for the phase decided (see {@link ReleasePlan#routeWeight}). */
  private int routeWeight() {
    ReleasePhase phase = next.getPhase();
    if (phase == Progressing || phase == Paused) {
      int step = orZero(next.getStep());
      if (next.getStepStartedAt() != null) {
        return canary.steps().get(step).weight();
      }
      return step == 0 ? 0 : canary.steps().get(step - 1).weight();
    }
    if (phase == Promoting) {
      int canaryReady = observed.canary().exists() ? observed.canary().readyReplicas() : 0;
      int stableReady = observed.stable().exists() ? observed.stable().readyReplicas() : 0;
      int ready = canaryReady + stableReady;
      return ready == 0 ? 100 : (int) Math.round(100.0 * canaryReady / ready);
    }
    return 0;
  }

  private void fromRolledBack(String desired) {
    if (command(ReleaseCommand.RETRY)) {
      startOrRefuse(Reasons.RETRIED, "retrying revision " + desired + " by the annotation");
    } else if (desired.equals(stableRevision)) {
      healthy(Reasons.SPEC_REVERTED, "the spec names the stable revision again");
    } else if (!desired.equals(next.getRejectedRevision())) {
      startOrRefuse(Reasons.RELEASE_STARTED, "releasing revision " + desired);
    } else {
      rolledBack();
    }
  }

  /** Healthy: the stable track runs the spec's template; a leftover canary drains first. */
  private void healthy(String reason, String message) {
    if (reason != null) {
      ReleaseStatuses.healthy(next, stableRevision, reason, message);
      moveTo(Healthy, reason, message);
    } else if (next.getPhase() != Healthy
        || !in.desiredRevision().equals(next.getStableRevision())
        || Reasons.GATEWAY_API_MISSING.equals(next.getReason())) {
      ReleaseStatuses.healthy(
          next,
          in.desiredRevision(),
          Reasons.STABLE_SERVING,
          "stable serves revision " + in.desiredRevision());
    }
    scaling.drainCanary(in.spec().replicas());
  }

  private void startOrRefuse(String reason, String message) {
    Optional<String> blocked = canary.blocked();
    if (blocked.isPresent()) {
      // The reconciler reports the cause as a Degraded problem; here the stable track holds.
      ReleaseStatuses.healthy(
          next,
          stableRevision,
          Reasons.GATEWAY_API_MISSING,
          "version " + in.spec().version() + " not released: " + blocked.get());
      scaling.holdStable(in.spec().replicas());
      return;
    }
    int replicas =
        in.spec().autoscaled()
            ? Math.max(1, observed.stable().desiredReplicas())
            : in.spec().replicas();
    ReleaseStatuses.start(next, in, stableRevision, replicas, canary.steps().size(), now);
    moveTo(Progressing, reason, message);
    progressing();
  }

  /** Progressing: scale to the step's split, then count intervals until the step passes. */
  private void progressing() {
    if (!in.spec().autoscaled()) {
      next.setReplicas(in.spec().replicas());
    }
    if (in.spec().paused()) {
      pause(Reasons.RELEASE_PAUSED, "held by spec.release.paused");
      return;
    }
    if (!scaling.toStep(next.getReplicas(), weight())) {
      if (deadlinePassed()) {
        rollBack(
            Reasons.PROGRESS_DEADLINE_EXCEEDED,
            "the canary did not reach step "
                + next.getProgress()
                + " within spec.release.progressDeadline ("
                + in.spec().progressDeadline()
                + ")");
      }
      return;
    }
    if (next.getStepStartedAt() == null) {
      next.setStepStartedAt(Conditions.format(now));
      next.setProgressedAt(Conditions.format(now));
      return;
    }
    if (countVerdict() || next.getPhase() != Progressing) {
      return;
    }
    var step = canary.steps().get(next.getStep());
    boolean pauseOver = !now.isBefore(Instant.parse(next.getStepStartedAt()).plus(step.pause()));
    boolean judged = !canary.analysed() || orZero(next.getPassedIntervals()) >= 1;
    if (!pauseOver || !judged) {
      return;
    }
    if (next.getStep() + 1 < canary.steps().size()) {
      String passed = next.getProgress();
      ReleaseStatuses.nextStep(next, now);
      moveTo(
          Progressing,
          Reasons.STEP_PASSED,
          "step " + passed + " passed; canary to " + weight() + "%");
      scaling.toStep(next.getReplicas(), weight());
    } else {
      promote(Reasons.ALL_STEPS_PASSED, "all " + canary.steps().size() + " steps passed");
    }
  }

  /**
   * Counts a new verdict; returns true when it ended the step's judgement for this reconcile
   * (rolled back, paused).
   */
  private boolean countVerdict() {
    AnalysisVerdict verdict = in.verdict();
    if (verdict.kind() == AnalysisVerdict.Kind.NOT_YET_DUE) {
      return false;
    }
    Instant at = verdict.at() == null ? now : verdict.at();
    if (next.getLastAnalysisAt() != null && !at.isAfter(Instant.parse(next.getLastAnalysisAt()))) {
      return false;
    }
    next.setLastAnalysisAt(Conditions.format(at));
    switch (verdict.kind()) {
      case PASS -> {
        next.setPassedIntervals(orZero(next.getPassedIntervals()) + 1);
        if (next.getPhase() == Paused) {
          moveTo(Progressing, Reasons.RELEASE_RESUMED, "analysis passed again");
          next.setProgressedAt(Conditions.format(now));
        }
        return false;
      }
      case FAIL -> {
        int failed = orZero(next.getFailedIntervals()) + 1;
        next.setFailedIntervals(failed);
        String what =
            verdict.message() + " (" + failed + "/" + canary.failureLimit() + " failed intervals)";
        if (failed >= canary.failureLimit()) {
          rollBack(Reasons.ANALYSIS_FAILED, what);
          return true;
        }
        next.setMessage(what);
        return false;
      }
      default -> {
        if (canary.inconclusive() == InconclusivePolicy.Rollback) {
          rollBack(Reasons.ANALYSIS_INCONCLUSIVE, verdict.message());
          return true;
        }
        if (next.getPhase() != Paused) {
          pause(Reasons.ANALYSIS_INCONCLUSIVE, verdict.message());
        }
        return true;
      }
    }
  }

  /** Paused: hold the current split; resume when unpaused or analysis passes again. */
  private void paused() {
    if (in.spec().paused()) {
      next.setReason(Reasons.RELEASE_PAUSED);
      next.setMessage("held by spec.release.paused");
      scaling.hold();
    } else if (Reasons.RELEASE_PAUSED.equals(next.getReason())) {
      next.setStepStartedAt(null); // the step's pause starts over
      next.setProgressedAt(Conditions.format(now));
      moveTo(Progressing, Reasons.RELEASE_RESUMED, "spec.release.paused cleared");
      progressing();
    } else {
      scaling.hold();
      countVerdict();
    }
  }

  private void pause(String reason, String message) {
    moveTo(Paused, reason, message);
    scaling.hold();
  }

  private void promote(String reason, String message) {
    next.setProgressedAt(Conditions.format(now));
    moveTo(Promoting, reason, message);
    promoting();
  }

  /**
   * Promoting in two moves within the GPU budget: the canary takes all replicas (stable to zero);
   * the stable track takes the canary's template at zero pods; then stable grows back to all
   * replicas while the canary goes to zero. Both sets serve the new version, so no request sees the
   * old one after the first move, and none is dropped.
   */
  private void promoting() {
    boolean stableOnNew = next.getRevision().equals(stableRevision);
    boolean reached = scaling.toPromotion(next.getReplicas(), stableOnNew);
    if (reached && stableOnNew) {
      ReleaseStatuses.healthy(
          next, stableRevision, Reasons.PROMOTED, "version " + next.getVersion() + " promoted");
      moveTo(Healthy, Reasons.PROMOTED, "stable runs revision " + stableRevision);
      scaling.dropCanary();
    } else if (!reached && deadlinePassed()) {
      problems.add(
          Problem.observed(
              Reasons.PROGRESS_DEADLINE_EXCEEDED,
              "the promotion made no progress within spec.release.progressDeadline"));
    }
  }

  private void rollBack(String reason, String message) {
    next.setRejectedRevision(next.getRevision());
    next.setStepStartedAt(null);
    next.setProgressedAt(Conditions.format(now));
    moveTo(RolledBack, reason, message);
    rolledBack();
  }

  /** RolledBack: all replicas back on stable; the canary Deployment stays, at zero. */
  private void rolledBack() {
    scaling.toRollback(next.getReplicas() == null ? in.spec().replicas() : next.getReplicas());
  }

  private boolean deadlinePassed() {
    return next.getProgressedAt() != null
        && now.isAfter(Instant.parse(next.getProgressedAt()).plus(in.spec().progressDeadline()));
  }

  /**
   * The weight the step's pods are sized for. A grey release keeps at least one canary pod even at
   * a weight-0 ("cohort only") step, since its header matches send the cohort to the canary.
   */
  private int weight() {
    int weight = canary.steps().get(next.getStep()).weight();
    boolean grey = canary.gateway().map(g -> !g.greyHeaders().isEmpty()).orElse(false);
    return grey ? Math.max(1, weight) : weight;
  }

  private boolean command(ReleaseCommand command) {
    if (in.commands().contains(command)) {
      acted.add(command);
      return true;
    }
    return false;
  }

  private void moveTo(ReleasePhase phase, String reason, String message) {
    ReleasePhase from = transition == null ? before : transition.from();
    next.setPhase(phase);
    next.setReason(reason);
    next.setMessage(message);
    transition = new ReleasePlan.Transition(from, phase, reason, message);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
