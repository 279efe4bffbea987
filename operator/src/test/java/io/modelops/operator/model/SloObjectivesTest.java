package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.SloSpec;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SloObjectivesTest {

  static SloSpec slo(String latencyP99, String errorRatio, String availability) {
    SloSpec slo = new SloSpec();
    slo.setLatencyP99(latencyP99);
    slo.setErrorRatio(errorRatio);
    slo.setAvailability(availability);
    return slo;
  }

  static String le(String latencyP99) {
    return SloObjectives.of(slo(latencyP99, null, null)).latency().orElseThrow().le();
  }

  @Test
  void latencyMapsToTheSmallestRuntimeBucketAtOrAboveIt() {
    assertEquals("0.05", le("50ms"), "a bound itself");
    assertEquals("0.1", le("50001us"), "just over a bound: the next one");
    assertEquals("0.1", le("60ms"));
    assertEquals("0.25", le("0.2s"));
    assertEquals("1.0", le("1s"));
    assertEquals("5e-06", le("1us"));
    assertEquals("0.0001", le("100us"));
    assertEquals("10.0", le("10s"));
    assertEquals("+Inf", le("11s"), "beyond the largest bound");
    assertEquals(0.99, SloObjectives.of(slo("50ms", null, null)).latency().get().target());
  }

  @Test
  void availabilityIsThePercentageOrElseOneMinusTheErrorRatio() {
    assertEquals(
        OptionalDouble.of(0.999), SloObjectives.of(slo(null, null, "99.9")).availability());
    assertEquals(OptionalDouble.of(0.98), SloObjectives.of(slo(null, "0.02", null)).availability());
    assertEquals(
        OptionalDouble.of(0.95),
        SloObjectives.of(slo(null, "0.02", "95")).availability(),
        "availability, the long-term objective, wins over the canary's error ratio");
    assertEquals(OptionalDouble.of(1.0), SloObjectives.of(slo(null, null, "100")).availability());
  }

  @Test
  void absentOrUnparsableFieldsGiveNoObjective() {
    assertTrue(SloObjectives.of(null).isEmpty());
    assertTrue(SloObjectives.of(new SloSpec()).isEmpty());
    var partial = SloObjectives.of(slo("fast", "x", "150"));
    assertEquals(OptionalDouble.empty(), partial.availability());
    assertEquals(Optional.empty(), partial.latency());
    var onlyLatency = SloObjectives.of(slo("25ms", null, null));
    assertEquals(OptionalDouble.empty(), onlyLatency.availability());
    assertEquals("0.025", onlyLatency.latency().get().le());
  }
}
