package io.modelops.operator.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * On the runtime's real scrapes (resources analysis/GenerateRuntimeScrapes.java): at the start the
 * pod had served 4 x 200 (3 ms) and 1 x 500 (8 ms); during the interval 2 x 200 in 3 ms, 4 x 200 in
 * 120 ms, 1 x 400 in 1 ms, 1 x 500 in 8 ms and 2 x 503 in 0.5 ms.
 */
class IntervalStatsTest {

  private static final Scrape START = Fixtures.scrape("runtime-start.txt");
  private static final Scrape END = Fixtures.scrape("runtime-end.txt");
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private static IntervalStats stats(Map<String, Scrape> start, Map<String, Scrape> end) {
    return IntervalStats.of(ScrapeInterval.between(start, end), TEN_SECONDS);
  }

  @Test
  void oneRealPodOverOneInterval() {
    IntervalStats s = stats(Map.of("ctr-0", START), Map.of("ctr-0", END));
    assertEquals(1, s.pods());
    assertEquals(0, s.restartedPods());
    assertEquals(10, s.requests());
    assertEquals(1.0, s.requestRate(), 1e-12);
    assertEquals(1, s.serverErrors());
    assertEquals(2, s.rejected());
    assertEquals(0.1, s.errorRatio(), 1e-12);
    assertEquals(0.3, s.status5xxRatio(), 1e-12, "500 and both 503s");
    assertEquals(10, s.latency().count());
    // cumulative delta: le 0.0005:2, 0.001:3, 0.002:3, 0.003:5, … 0.01:6, … 0.1:6, 0.15:10
    // p50: rank 5 → bucket (0.002, 0.003] holding 2, rank inside 2 → 0.002 + 0.001 · 2/2 = 0.003
    assertEquals(0.003, s.p50Seconds(), 1e-12);
    // p99: rank 9.9 → bucket (0.1, 0.15] holding 4, rank inside 3.9 → 0.1 + 0.05 · 3.9/4 = 0.14875
    assertEquals(0.14875, s.p99Seconds(), 1e-12);
  }

  @Test
  void podsAreSummedAndNewPodsCountWhole() {
    IntervalStats s =
        stats(Map.of("a", START, "b", START), Map.of("a", END, "b", END, "new", START));
    assertEquals(3, s.pods());
    assertEquals(10 + 10 + 5, s.requests());
    assertEquals(1 + 1 + 1, s.serverErrors());
    assertEquals(25, s.latency().count());
  }

  @Test
  void aRestartedPodCountsItsLaterScrapeAndNothingGoesNegative() {
    // the pod went from the bigger scrape back to the smaller one: a restart
    ScrapeInterval interval = ScrapeInterval.between(Map.of("a", END), Map.of("a", START));
    assertEquals(Set.of("a"), interval.restartedPods());
    IntervalStats s = IntervalStats.of(interval, TEN_SECONDS);
    assertEquals(5, s.requests());
    assertEquals(1, s.serverErrors());
    assertEquals(0, s.rejected());
    assertEquals(5, s.latency().count());
  }

  @Test
  void aMissingSeriesMeansARestartEvenWhenTotalsGrew() {
    Scrape before =
        PrometheusText.parse(
            "modelops_runtime_requests_total{outcome=\"server_error\",status=\"500\"} 3\n");
    Scrape after =
        PrometheusText.parse(
            "modelops_runtime_requests_total{outcome=\"success\",status=\"200\"} 7\n");
    IntervalStats s = stats(Map.of("a", before), Map.of("a", after));
    assertEquals(1, s.restartedPods());
    assertEquals(7, s.requests());
    assertEquals(0, s.serverErrors());
  }

  @Test
  void aPodThatDisappearedCountsNothing() {
    IntervalStats s = stats(Map.of("a", START, "gone", END), Map.of("a", END));
    assertEquals(10, s.requests());
    assertEquals(1, s.pods());
  }

  @Test
  void noTrafficIsNoDataNotZero() {
    IntervalStats s = stats(Map.of("a", END), Map.of("a", END));
    assertEquals(0, s.requests());
    assertEquals(0, s.requestRate());
    assertTrue(Double.isNaN(s.errorRatio()));
    assertTrue(Double.isNaN(s.p99Seconds()));
    IntervalStats nobody = stats(Map.of(), Map.of());
    assertTrue(Double.isNaN(nobody.p50Seconds()));
    assertTrue(
        Double.isNaN(
            IntervalStats.of(ScrapeInterval.between(Map.of(), Map.of()), Duration.ZERO)
                .requestRate()));
  }

  @Test
  void scoreDriftFromRealScrapes() {
    // output "score" values: start 0.12, 0.49; interval 0.01, 0.5, 0.51, 0.97, 1.0, 1.0
    Histogram canary =
        ScrapeInterval.between(Map.of("c", START), Map.of("c", END))
            .histogram("modelops_runtime_output_value", Map.of("output", "score"));
    assertEquals(6, canary.count());
    // the stable track served the start's scores only: 0.12 and 0.49
    Histogram stable =
        ScrapeInterval.between(Map.of(), Map.of("s", START))
            .histogram("modelops_runtime_output_value", Map.of("output", "score"));
    assertEquals(2, stable.count());
    // 21 buckets. canary: (0,0.05]:1/6, (0.45,0.5]:1/6, (0.5,0.55]:1/6, (0.95,1]:3/6;
    // stable: (0.1,0.15]:1/2, (0.45,0.5]:1/2; every other share is 1e-4.
    //   canary-only (0,0.05] and (0.5,0.55]: (1/6 - 1e-4)·ln((1/6) / 1e-4), twice
    //   canary-only (0.95,1] and stable-only (0.1,0.15]: (1/2 - 1e-4)·ln((1/2) / 1e-4), twice
    //   shared (0.45,0.5]: (1/6 - 1/2)·ln((1/6) / (1/2))
    //   = 2·0.16657·7.4186 + 2·0.4999·8.5172 + 0.36620 = 2.4714 + 8.5155 + 0.3662 ≈ 11.35
    double expected =
        2 * (1.0 / 6 - 1e-4) * Math.log((1.0 / 6) / 1e-4)
            + 2 * (0.5 - 1e-4) * Math.log(0.5 / 1e-4)
            + (1.0 / 6 - 0.5) * Math.log((1.0 / 6) / 0.5);
    Psi psi = Psi.between(canary, stable).orElseThrow();
    assertEquals(expected, psi.value(), 1e-9);
    assertEquals(Psi.Drift.SIGNIFICANT, psi.drift());
  }
}
