package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The kubelet's bookkeeping for one probe of one container: when it is due ({@code
 * initialDelaySeconds}, then every {@code periodSeconds}) and what its result is after {@code
 * successThreshold} successes or {@code failureThreshold} failures in a row. Pure apart from the
 * attempt it is given.
 */
final class ProbeTracker {

  /** What the probe says now. */
  enum Result {
    UNKNOWN,
    SUCCESS,
    FAILURE
  }

  private final Probe probe;
  private final Instant startedAt;
  private Instant nextAt;
  private int successes;
  private int failures;
  private Result result = Result.UNKNOWN;

  ProbeTracker(Probe probe, Instant containerStartedAt) {
    this.probe = probe;
    this.startedAt = containerStartedAt;
    this.nextAt = containerStartedAt.plusSeconds(value(probe.getInitialDelaySeconds(), 0));
  }

  /** Runs {@code attempt} if the probe is due at {@code now}; returns the current result. */
  Result tick(Instant now, BooleanSupplier attempt) {
    if (now.isBefore(nextAt)) {
      return result;
    }
    nextAt = now.plusSeconds(value(probe.getPeriodSeconds(), 10));
    if (attempt.getAsBoolean()) {
      failures = 0;
      successes++;
      if (successes >= value(probe.getSuccessThreshold(), 1)) {
        result = Result.SUCCESS;
      }
    } else {
      successes = 0;
      failures++;
      if (failures >= value(probe.getFailureThreshold(), 3)) {
        result = Result.FAILURE;
      }
    }
    return result;
  }

  /** The result so far. */
  Result result() {
    return result;
  }

  /** When the container this probe watches started. */
  Instant startedAt() {
    return startedAt;
  }

  private static int value(Integer given, int defaultValue) {
    return given == null ? defaultValue : given;
  }
}
