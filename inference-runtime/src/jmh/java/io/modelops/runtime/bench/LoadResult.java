package io.modelops.runtime.bench;

import org.HdrHistogram.Histogram;

/**
 * What one load phase measured. Latencies are in nanoseconds; in an open-loop phase they start at
 * each request's intended send time, so time spent waiting behind a slow request is counted.
 */
record LoadResult(
    String mode,
    int concurrency,
    double offeredPerSecond,
    long requests,
    long rows,
    long errors,
    double seconds,
    Histogram latencyNanos) {

  double rowsPerSecond() {
    return seconds > 0 ? rows / seconds : 0;
  }

  double requestsPerSecond() {
    return seconds > 0 ? requests / seconds : 0;
  }

  /** Latency at {@code percentile} (0-100) in microseconds. */
  double micros(double percentile) {
    return latencyNanos.getTotalCount() == 0
        ? Double.NaN
        : latencyNanos.getValueAtPercentile(percentile) / 1_000.0;
  }
}
