package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ProbeTraffic;
import io.modelops.api.v1alpha1.SteadyStateSpec;
import io.modelops.operator.analysis.PrometheusText;
import io.modelops.operator.analysis.Scrape;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeRateTest {

  /** A runtime's metrics: {@code count} successful requests taking {@code seconds} in all. */
  private static Scrape pod(long count, double seconds) {
    return PrometheusText.parse(
        "# TYPE modelops_runtime_request_duration_seconds histogram\n"
            + "modelops_runtime_request_duration_seconds_bucket{model=\"m\",version=\"1\",code=\"200\",le=\"+Inf\"} "
            + count
            + "\n"
            + "modelops_runtime_request_duration_seconds_sum{model=\"m\",version=\"1\",code=\"200\"} "
            + seconds
            + "\n"
            + "modelops_runtime_request_duration_seconds_count{model=\"m\",version=\"1\",code=\"200\"} "
            + count
            + "\n"
            // Failed requests are not capacity: a fast 503 must not raise it.
            + "modelops_runtime_request_duration_seconds_sum{model=\"m\",version=\"1\",code=\"503\"} 0.001\n"
            + "modelops_runtime_request_duration_seconds_count{model=\"m\",version=\"1\",code=\"503\"} 1000\n");
  }

  @ParameterizedTest(name = "capacity {0}/s, spec {1} -> {2}/s")
  @CsvSource({
    // 1% of the capacity, rounded down
    "400.0, , 4",
    "12345.0, , 123",
    // at least 1 request per second
    "50.0, , 1",
    "0.5, , 1",
    // at most the schema's 1000
    "250000.0, , 1000",
    // the spec's rate wins, measured or not
    "400.0, 7, 7",
    "-1, 7, 7",
    // nothing measured: the floor
    "-1, , 1",
  })
  void rate(double capacity, Integer explicit, int expected) {
    OptionalDouble measured = capacity < 0 ? OptionalDouble.empty() : OptionalDouble.of(capacity);
    assertEquals(expected, ProbeRate.rate(explicit, measured));
  }

  @Test
  void aPodsCapacityIsItsSuccessfulRequestsOverTheirTime() {
    // 1000 requests of 5 ms each: 200 per second one at a time.
    assertEquals(200.0, ProbeRate.podCapacity(pod(1000, 5.0)).getAsDouble(), 1e-9);
  }

  @Test
  void capacitySumsThePodsThatHaveAFigure() {
    OptionalDouble total =
        ProbeRate.capacity(List.of(pod(1000, 5.0), pod(500, 1.0), pod(3, 0.1), Scrape.empty()));
    assertEquals(
        200.0 + 500.0, total.getAsDouble(), 1e-9, "too few requests and no metrics: left out");
    assertEquals(7, ProbeRate.rate(null, total));
  }

  @Test
  void noFigureWithoutEnoughRequestsOrTime() {
    assertTrue(ProbeRate.podCapacity(pod(9, 1.0)).isEmpty(), "under 10 requests");
    assertTrue(ProbeRate.podCapacity(pod(100, 0.0)).isEmpty(), "no time");
    assertTrue(ProbeRate.capacity(List.of(Scrape.empty())).isEmpty());
    assertTrue(ProbeRate.capacity(List.of()).isEmpty());
  }

  @Test
  void theSpecsRateIsUsedWithoutMeasuringAndARecordedRateAfterARestart() {
    AtomicInteger measured = new AtomicInteger();
    SteadyStateSpec steady = new SteadyStateSpec();
    ProbeTraffic traffic = new ProbeTraffic();
    traffic.setRatePerSecond(20);
    traffic.setTimeout("250ms");
    steady.setTraffic(traffic);

    ProbeSpec explicit =
        ProbeSpec.of(
            "m",
            steady,
            null,
            () -> {
              measured.incrementAndGet();
              return OptionalDouble.of(1e6);
            });
    assertEquals(new ProbeSpec("m", 20, Duration.ofMillis(250)), explicit);

    ProbeSpec recorded =
        ProbeSpec.of(
            "m",
            null,
            3,
            () -> {
              measured.incrementAndGet();
              return OptionalDouble.of(1e6);
            });
    assertEquals(new ProbeSpec("m", 3, ProbeSpec.DEFAULT_TIMEOUT), recorded);
    assertEquals(0, measured.get(), "no capacity measured when not needed");

    assertEquals(
        new ProbeSpec("m", 9, ProbeSpec.DEFAULT_TIMEOUT),
        ProbeSpec.of("m", null, null, () -> OptionalDouble.of(999.0)));
  }
}
