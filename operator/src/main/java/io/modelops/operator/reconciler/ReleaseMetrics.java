package io.modelops.operator.reconciler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Release metrics: {@code modelops_release_total{result}} and {@code
 * modelops_release_duration_seconds{result}} (start of the release to promotion or rollback, result
 * {@code promoted}, {@code rolled_back} or {@code aborted}), and {@code
 * modelops_analysis_checks_total{metric,verdict}} (one per check per analysed interval, verdict
 * {@code Pass}, {@code Fail} or {@code Inconclusive}).
 */
public final class ReleaseMetrics {

  public static final String PROMOTED = "promoted";
  public static final String ROLLED_BACK = "rolled_back";
  public static final String ABORTED = "aborted";

  private final MeterRegistry registry;

  public ReleaseMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A release ended with {@code result} after {@code duration} (null when unknown). */
  public void released(String result, Duration duration) {
    Counter.builder("modelops.release")
        .description("Canary releases by how they ended")
        .tag("result", result)
        .register(registry)
        .increment();
    if (duration != null && !duration.isNegative()) {
      Timer.builder("modelops.release.duration")
          .description("Time from the start of a canary release to its promotion or rollback")
          .tag("result", result)
          .register(registry)
          .record(duration);
    }
  }

  /** One check of one analysed interval. */
  public void checked(String metric, String verdict) {
    Counter.builder("modelops.analysis.checks")
        .description("Canary analysis checks by metric and verdict, one per analysed interval")
        .tag("metric", metric)
        .tag("verdict", verdict)
        .register(registry)
        .increment();
  }
}
