package io.modelops.operator.model;

import java.util.List;

/**
 * The upper bounds of the inference runtime's latency histograms ({@code
 * modelops_runtime_request_duration_seconds_bucket} and the others; docs/runtime.md): 1, 2.5 and 5
 * per decade from 5 µs to 10 s, as the {@code le} label writes them (Prometheus' canonical float
 * form, which the runtime rewrites its exposition to). {@code MetricNamesIT} checks this list
 * against a running runtime's scrape.
 */
public final class RuntimeLatencyBuckets {

  /** One bound: its length in microseconds and its {@code le} label value. */
  public record Bound(long micros, String le) {}

  /** Every bound, ascending; {@code +Inf} is not listed. */
  public static final List<Bound> BOUNDS =
      List.of(
          new Bound(5, "5e-06"),
          new Bound(10, "1e-05"),
          new Bound(25, "2.5e-05"),
          new Bound(50, "5e-05"),
          new Bound(100, "0.0001"),
          new Bound(250, "0.00025"),
          new Bound(500, "0.0005"),
          new Bound(1_000, "0.001"),
          new Bound(2_500, "0.0025"),
          new Bound(5_000, "0.005"),
          new Bound(10_000, "0.01"),
          new Bound(25_000, "0.025"),
          new Bound(50_000, "0.05"),
          new Bound(100_000, "0.1"),
          new Bound(250_000, "0.25"),
          new Bound(500_000, "0.5"),
          new Bound(1_000_000, "1.0"),
          new Bound(2_500_000, "2.5"),
          new Bound(5_000_000, "5.0"),
          new Bound(10_000_000, "10.0"));

  /** The bucket above every bound: requests slower than 10 s. */
  public static final String INF = "+Inf";

  private RuntimeLatencyBuckets() {}

  /**
   * The {@code le} of the smallest bound at or above {@code nanos}: the bucket that counts the
   * requests meeting a latency objective of that length; {@code +Inf} above 10 s (every request
   * meets it as far as the histogram can tell).
   */
  public static String leAtOrAbove(long nanos) {
    for (Bound bound : BOUNDS) {
      if (bound.micros() * 1_000 >= nanos) {
        return bound.le();
      }
    }
    return INF;
  }
}
