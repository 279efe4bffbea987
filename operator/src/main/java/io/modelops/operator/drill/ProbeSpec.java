package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.SteadyStateSpec;
import io.modelops.drills.schedule.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * What the prober sends: V2 inference for {@code model} at {@code ratePerSecond}, a request slower
 * than {@code timeout} counting as an error.
 */
public record ProbeSpec(String model, int ratePerSecond, Duration timeout) {

  /** Default rate: 1 request/s (the "1% of measured capacity" default needs a capacity figure). */
  static final int DEFAULT_RATE = 1;

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  static ProbeSpec of(String model, SteadyStateSpec steadyState) {
    var traffic = Optional.ofNullable(steadyState).map(SteadyStateSpec::getTraffic);
    return new ProbeSpec(
        model,
        traffic.map(t -> t.getRatePerSecond()).orElse(DEFAULT_RATE),
        traffic.map(t -> t.getTimeout()).map(GoDuration::parse).orElse(DEFAULT_TIMEOUT));
  }
}
