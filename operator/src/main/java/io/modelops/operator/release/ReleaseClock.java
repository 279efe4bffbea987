package io.modelops.operator.release;

import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.ResolvedSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a ModelDeployment with a release under way is looked at again without an event. Pauses and
 * deadlines can wait for the release tick; analysis intervals cannot: an interval is judged at the
 * first look after it is due, and a scraping source takes its baselines at the first look inside
 * it. On the tick alone, an interval as long as the tick that started at a reconcile had its
 * baselines taken one tick late, was too short to judge at its end and was judged a tick later on
 * its second half (a failing canary stayed a whole tick longer). So: look again soon after an
 * interval starts, and when the running interval is due; never later than the tick.
 */
public final class ReleaseClock {

  /** How soon an interval that started at this reconcile is looked at again (baselines). */
  public static final Duration FIRST_LOOK = Duration.ofMillis(500);

  private ReleaseClock() {}

  /**
   * The delay until the next look.
   *
   * @param spec the resolved spec
   * @param before status.release as this reconcile read it (may be null)
   * @param after status.release as this reconcile writes it (may be null)
   * @param now this reconcile's time
   * @param tick the release tick (the longest delay)
   */
  public static Duration nextLook(
      ResolvedSpec spec, ReleaseStatus before, ReleaseStatus after, Instant now, Duration tick) {
    Optional<Instant> running = new AnalysisRequest(spec, after, now).intervalStart();
    Optional<CanaryRelease> canary = spec.canary();
    if (running.isEmpty() || canary.isEmpty()) {
      return tick;
    }
    if (!running.equals(new AnalysisRequest(spec, before, now).intervalStart())) {
      return min(FIRST_LOOK, tick);
    }
    Duration untilDue = Duration.between(now, running.get().plus(canary.get().interval()));
    return untilDue.isNegative() || untilDue.isZero() ? tick : min(untilDue, tick);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
