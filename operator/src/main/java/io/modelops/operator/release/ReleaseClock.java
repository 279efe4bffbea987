package io.modelops.operator.release;

import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.ResolvedSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The moments of an analysis interval worth a reconcile of their own, so that an interval is judged
 * when it ends and not at the next release tick: shortly after it starts (a source that differences
 * counters takes its baselines then, covering nearly the whole interval) and when it is due. Pure.
 */
public final class ReleaseClock {

  /**
   * How long after an interval's start its baselines are taken: long enough for the write that
   * started it to have landed, short against any interval.
   */
  public static final Duration BASELINE_DELAY = Duration.ofMillis(500);

  private ReleaseClock() {}

  /**
   * The next of the running interval's start plus {@link #BASELINE_DELAY} and its end that is still
   * ahead of {@code now}, for the release as it is about to be written; empty when no analysed
   * interval is running or both have passed (the interval is due: its scrape is then under way or
   * about to be).
   */
  public static Optional<Instant> nextLook(ResolvedSpec spec, ReleaseStatus release, Instant now) {
    CanaryRelease canary = spec.canary().orElse(null);
    if (canary == null || !canary.analysed()) {
      return Optional.empty();
    }
    Optional<Instant> start = new AnalysisRequest(spec, release, now).intervalStart();
    if (start.isEmpty()) {
      return Optional.empty();
    }
    Instant baseline = start.get().plus(BASELINE_DELAY);
    if (now.isBefore(baseline)) {
      return Optional.of(baseline);
    }
    Instant due = start.get().plus(canary.interval());
    return now.isBefore(due) ? Optional.of(due) : Optional.empty();
  }

  /** {@link #nextLook} as a delay from {@code now}. */
  public static Optional<Duration> untilNextLook(
      ResolvedSpec spec, ReleaseStatus release, Instant now) {
    return nextLook(spec, release, now).map(at -> Duration.between(now, at));
  }
}
