package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.ProbeTraffic;
import io.modelops.api.v1alpha1.SteadyStateSpec;
import io.modelops.drills.schedule.GoDuration;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the prober sends: V2 inference for {@code model} at {@code ratePerSecond}, a request slower
 * than {@code timeout} counting as an error.
 */
public record ProbeSpec(String model, int ratePerSecond, Duration timeout) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The spec's rate, else {@code recordedRate} (what this run used before an operator restart),
   * else {@link ProbeRate#rate} of the capacity {@code measure} gives (asked only then).
   */
  static ProbeSpec of(
      String model,
      SteadyStateSpec steadyState,
      Integer recordedRate,
      java.util.function.Supplier<OptionalDouble> measure) {
    var traffic = Optional.ofNullable(steadyState).map(SteadyStateSpec::getTraffic);
    Integer explicit = traffic.map(ProbeTraffic::getRatePerSecond).orElse(null);
    int rate;
    if (explicit != null) {
      rate = explicit;
    } else if (recordedRate != null) {
      rate = recordedRate;
    } else {
      rate = ProbeRate.rate(null, measure.get());
    }
    return new ProbeSpec(
        model,
        rate,
        traffic.map(ProbeTraffic::getTimeout).map(GoDuration::parse).orElse(DEFAULT_TIMEOUT));
  }
}
