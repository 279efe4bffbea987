package io.modelops.operator.analysis;

import java.time.Duration;
import java.util.Map;

/**
 * One track's traffic figures over one analysis interval, from {@link ScrapeInterval} deltas of the
 * runtime's metrics (docs/runtime.md):
 *
 * <ul>
 *   <li>{@code requests}: increase of {@code modelops_runtime_requests_total}, all outcomes;
 *   <li>{@code serverErrors}: the same with {@code outcome="server_error"} (500 and other 5xx
 *       except 503);
 *   <li>{@code rejected}: {@code outcome="rejected"} (429 and 503: queue full, not ready, draining,
 *       and the drills' injected {@code errorRatio} fault);
 *   <li>{@code status5xx}: every {@code status} starting with 5, so 503s included;
 *   <li>{@code latency}: delta of the {@code modelops_runtime_request_duration_seconds} histogram.
 * </ul>
 *
 * Ratios and rates with nothing to divide by are NaN ("no data"), never 0.
 */
public record IntervalStats(
    Duration elapsed,
    int pods,
    int restartedPods,
    double requests,
    double serverErrors,
    double rejected,
    double status5xx,
    Histogram latency) {

  static final String REQUESTS = "modelops_runtime_requests_total";
  static final String REQUEST_DURATION = "modelops_runtime_request_duration_seconds";

  /** The figures of {@code interval}, which lasted {@code elapsed} (from the caller's clock). */
  public static IntervalStats of(ScrapeInterval interval, Duration elapsed) {
    return new IntervalStats(
        elapsed,
        interval.pods().size(),
        interval.restartedPods().size(),
        interval.counter(REQUESTS, s -> true),
        interval.counter(REQUESTS, s -> "server_error".equals(s.label("outcome"))),
        interval.counter(REQUESTS, s -> "rejected".equals(s.label("outcome"))),
        interval.counter(
            REQUESTS, s -> s.label("status") != null && s.label("status").startsWith("5")),
        interval.histogram(REQUEST_DURATION, Map.of()));
  }

  /** Requests per second over the interval; NaN when the interval is not positive. */
  public double requestRate() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? requests / seconds : Double.NaN;
  }

  /** serverErrors / requests; NaN without requests. */
  public double errorRatio() {
    return ratio(serverErrors);
  }

  /** status5xx / requests (503 included); NaN without requests. */
  public double status5xxRatio() {
    return ratio(status5xx);
  }

  /** Median request latency in seconds ({@link Histogram#quantile}); NaN without requests. */
  public double p50Seconds() {
    return latency.quantile(0.5);
  }

  /** 99th percentile request latency in seconds; NaN without requests. */
  public double p99Seconds() {
    return latency.quantile(0.99);
  }

  private double ratio(double part) {
    return requests > 0 ? part / requests : Double.NaN;
  }
}
