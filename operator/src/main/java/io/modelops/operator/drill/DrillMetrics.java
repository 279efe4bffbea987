package io.modelops.operator.drill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drill metrics, with the names the chart's alerts use: {@code modelops_drill_runs_total{verdict}},
 * {@code modelops_drill_last_run_timestamp_seconds{namespace,schedule}} (when the latest run of a
 * schedule that was not Skipped finished; {@code schedule=""} for hand-made runs) and {@code
 * modelops_drill_rto_seconds} (a histogram of measured RTOs).
 */
public final class DrillMetrics {

  private final MeterRegistry registry;
  private final Timer rto;
  private final Map<String, AtomicLong> lastRun = new ConcurrentHashMap<>();

  public DrillMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.rto =
        Timer.builder("modelops.drill.rto")
            .description("Measured recovery time of finished drills")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofSeconds(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
  }

  /** A run finished with {@code verdict} at {@code at}. */
  void finished(String namespace, String schedule, String verdict, Instant at, Duration measured) {
    Counter.builder("modelops.drill.runs")
        .description("Finished drill runs")
        .tag("verdict", verdict)
        .register(registry)
        .increment();
    if (measured != null) {
      rto.record(measured);
    }
    if ("Skipped".equals(verdict)) {
      // A skipped run injected nothing: it must not hide that drills have stopped running
      // (blackouts, the kill switch) from an alert on the last run's age.
      return;
    }
    String key = namespace + "/" + schedule;
    lastRun
        .computeIfAbsent(
            key,
            k -> {
              AtomicLong holder = new AtomicLong();
              Gauge.builder("modelops.drill.last.run.timestamp.seconds", holder, AtomicLong::get)
                  .description("When the latest drill run of a schedule finished (unix seconds)")
                  .tags(Tags.of("namespace", namespace, "schedule", schedule))
                  .register(registry);
              return holder;
            })
        .set(at.getEpochSecond());
  }
}
