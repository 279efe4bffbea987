package io.modelops.operator.model;

import io.modelops.api.v1alpha1.SloSpec;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The service-level objectives of one ModelDeployment in the form the chart's burn-rate alerts join
 * on (docs/observability.md):
 *
 * <ul>
 *   <li>availability: the share of requests that must not fail, {@code spec.slo.availability} /
 *       100, or else 1 - {@code spec.slo.errorRatio};
 *   <li>latency: {@code spec.slo.latencyP99} as the runtime histogram bucket that counts the
 *       requests meeting it (the smallest bound at or above it) and the share of successful
 *       requests that must fall in it, 0.99 for a 99th percentile.
 * </ul>
 *
 * A field that is absent (or does not parse, which the CRD's validation already prevents) gives no
 * objective: the chart's default applies to that ModelDeployment.
 *
 * @param availability the availability objective, 0..1
 * @param latency the latency objective
 */
public record SloObjectives(OptionalDouble availability, Optional<Latency> latency) {

  /** Share of successful requests that a p99 objective wants at or under its bound. */
  public static final double P99_TARGET = 0.99;

  /**
   * @param le the {@code le} label of the runtime bucket that counts the fast requests
   * @param target the share of successful requests that must be fast, 0..1
   */
  public record Latency(String le, double target) {}

  /** No objective at all. */
  public static final SloObjectives NONE =
      new SloObjectives(OptionalDouble.empty(), Optional.empty());

  /** The objectives of {@code slo} (null: none). */
  public static SloObjectives of(SloSpec slo) {
    if (slo == null) {
      return NONE;
    }
    return new SloObjectives(availability(slo), latency(slo.getLatencyP99()));
  }

  public boolean isEmpty() {
    return availability.isEmpty() && latency.isEmpty();
  }

  private static OptionalDouble availability(SloSpec slo) {
    // decimal arithmetic: 99.9 / 100 is 0.999, not 0.9990000000000001 as in binary floating point
    Optional<BigDecimal> percent = number(slo.getAvailability());
    if (percent.isPresent()) {
      return ratio(percent.get().movePointLeft(2));
    }
    return number(slo.getErrorRatio())
        .map(errors -> ratio(BigDecimal.ONE.subtract(errors)))
        .orElse(OptionalDouble.empty());
  }

  private static OptionalDouble ratio(BigDecimal value) {
    return value.signum() >= 0 && value.compareTo(BigDecimal.ONE) <= 0
        ? OptionalDouble.of(value.doubleValue())
        : OptionalDouble.empty();
  }

  private static Optional<Latency> latency(String p99) {
    if (p99 == null) {
      return Optional.empty();
    }
    try {
      long nanos = Durations.parse(p99).toNanos();
      return Optional.of(new Latency(RuntimeLatencyBuckets.leAtOrAbove(nanos), P99_TARGET));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Optional<BigDecimal> number(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
