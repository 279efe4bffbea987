package io.modelops.drills.run;

import java.time.Duration;

/**
 * What the steady-state prober saw over its last 10 s window.
 *
 * @param requests requests completed in the window
 * @param errors of those, failed or slower than the timeout
 * @param p99 99th percentile latency in the window (zero without requests)
 * @param healthy the latest request succeeded (steady state is back, as far as the probe tells)
 */
public record ProbeWindow(long requests, long errors, Duration p99, boolean healthy) {

  /** Fewer requests than this in a window never trigger an abort (one error of three is noise). */
  public static final long MIN_REQUESTS = 5;

  /** No traffic yet. */
  public static final ProbeWindow EMPTY = new ProbeWindow(0, 0, Duration.ZERO, false);

  /** Errors / requests (0 without requests). */
  public double errorRatio() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** Why the probes ask for an abort, if they do. */
  public java.util.Optional<Note> burn(RunPlan plan) {
    if (requests < MIN_REQUESTS) {
      return java.util.Optional.empty();
    }
    if (errorRatio() > plan.abortErrorRatio()) {
      return java.util.Optional.of(
          new Note(
              RunReason.SloBurn,
              String.format(
                  "probe error ratio %.3f over 10s is above abort.errorRatio %s",
                  errorRatio(), plan.abortErrorRatio())));
    }
    if (plan.abortP99().isPresent() && p99.compareTo(plan.abortP99().get()) > 0) {
      return java.util.Optional.of(
          new Note(
              RunReason.SloBurn,
              "probe p99 "
                  + p99.toMillis()
                  + "ms over 10s is above abort.p99Latency "
                  + plan.abortP99().get().toMillis()
                  + "ms"));
    }
    return java.util.Optional.empty();
  }
}
