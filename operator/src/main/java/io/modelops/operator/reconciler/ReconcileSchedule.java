package io.modelops.operator.reconciler;

import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When to reconcile a ModelDeployment again without an event. A problem whose cause is not watched
 * ({@link #RECHECKED}) is looked at again after {@code recheck}, whatever else holds. Otherwise the
 * shortest delay that applies: the release tick while a release is under way (step pauses, analysis
 * intervals and deadlines run on the clock), shortened to the next moment of a running analysis
 * interval (its baselines, its end), and {@code answerRecheck} while a background scrape (analysis,
 * serving device) has not answered. Pure.
 *
 * @param recheck how soon to look again at an object (or CRD) without an informer
 * @param releaseTick how often a release under way is looked at
 * @param answerRecheck how soon to look again while a background scrape has not answered
 */
record ReconcileSchedule(Duration recheck, Duration releaseTick, Duration answerRecheck) {

  /** Problems caused by objects (or CRDs) without an informer, rechecked on a timer. */
  static final Set<String> RECHECKED =
      Set.of(Reasons.PVC_NOT_FOUND, Reasons.NAME_CONFLICT, Reasons.GATEWAY_API_MISSING);

  /**
   * How soon to look again while a background scrape has not answered: it takes at most twice its
   * per-pod timeout (1 s for devices, 2 s for analysis), and a pod that answers does so sooner.
   */
  static final Duration ANSWER_RECHECK = Duration.ofMillis(500);

  /** The intervals of the operator's settings. */
  static ReconcileSchedule of(OperatorSettings settings) {
    return new ReconcileSchedule(
        settings.pvcRecheckInterval(), settings.releaseTick(), ANSWER_RECHECK);
  }

  /** The delay before the next reconcile, or empty when only an event should start one. */
  Optional<Duration> next(List<Problem> problems, boolean releaseActive, boolean answersPending) {
    return next(problems, releaseActive, answersPending, Optional.empty());
  }

  /**
   * The delay before the next reconcile, or empty when only an event should start one; {@code
   * intervalLook} is how long until a moment of the running analysis interval (its baselines, its
   * end: {@link io.modelops.operator.release.ReleaseClock}), which shortens the release tick.
   */
  Optional<Duration> next(
      List<Problem> problems,
      boolean releaseActive,
      boolean answersPending,
      Optional<Duration> intervalLook) {
    if (problems.stream().anyMatch(p -> RECHECKED.contains(p.reason()))) {
      return Optional.of(recheck);
    }
    Duration soonest = answersPending ? answerRecheck : null;
    if (releaseActive) {
      soonest = shorter(soonest, releaseTick);
      if (intervalLook.isPresent()) {
        soonest = shorter(soonest, intervalLook.get());
      }
    }
    return Optional.ofNullable(soonest);
  }

  private static Duration shorter(Duration a, Duration b) {
    return a == null || b.compareTo(a) < 0 ? b : a;
  }
}
