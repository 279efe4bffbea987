package io.modelops.operator.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** Cumulative buckets from pairs (upper bound, count); _count = the +Inf count, _sum = 0. */
  static Histogram buckets(double... boundCountPairs) {
    Map<Double, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < boundCountPairs.length; i += 2) {
      m.put(boundCountPairs[i], boundCountPairs[i + 1]);
    }
    double count = m.getOrDefault(INF, 0.0);
    return Histogram.of(m, count, 0);
  }

  @Test
  void quantileInterpolatesLinearlyInsideTheBucket() {
    Histogram h = buckets(0.1, 10, 0.2, 20, 0.4, 40, INF, 40);
    // q=0.5: rank = 0.5 * 40 = 20; first bucket with count >= 20 is le=0.2 (20);
    //   bucket (0.1, 0.2] holds 20 - 10 = 10, rank inside = 20 - 10 = 10 → 0.1 + 0.1 * 10/10 = 0.2
    assertEquals(0.2, h.quantile(0.5), 1e-12);
    // q=0.99: rank = 39.6; first bucket with count >= 39.6 is le=0.4 (40);
    //   bucket (0.2, 0.4] holds 40 - 20 = 20, rank inside = 39.6 - 20 = 19.6
    //   → 0.2 + 0.2 * 19.6/20 = 0.2 + 0.196 = 0.396
    assertEquals(0.396, h.quantile(0.99), 1e-12);
    // q=0.1: rank 4 in the lowest bucket, whose lower bound is 0 → 0 + 0.1 * 4/10 = 0.04
    assertEquals(0.04, h.quantile(0.1), 1e-12);
    // q=0.75: rank 30 → 0.2 + 0.2 * (30-20)/20 = 0.3
    assertEquals(0.3, h.quantile(0.75), 1e-12);
    // q=1: rank 40 → le=0.4 reached exactly → 0.4
    assertEquals(0.4, h.quantile(1), 1e-12);
  }

  @Test
  void quantileInTheInfBucketIsTheHighestFiniteBound() {
    Histogram h = buckets(0.1, 10, 0.2, 20, INF, 40);
    // q=0.9: rank 36 > 20 (every finite bucket) → upper bound of the highest finite bucket
    assertEquals(0.2, h.quantile(0.9));
  }

  @Test
  void quantileSpecialCasesFollowPrometheus() {
    Histogram h = buckets(0.1, 10, INF, 10);
    assertEquals(Double.NEGATIVE_INFINITY, h.quantile(-0.1));
    assertEquals(INF, h.quantile(1.1));
    assertTrue(Double.isNaN(h.quantile(Double.NaN)));
    assertTrue(Double.isNaN(buckets(0.1, 0, INF, 0).quantile(0.5)), "no observations");
    assertTrue(Double.isNaN(buckets(0.1, 5, 0.2, 10).quantile(0.5)), "no +Inf bucket");
    assertTrue(Double.isNaN(buckets(INF, 10).quantile(0.5)), "fewer than two buckets");
    assertTrue(Double.isNaN(Histogram.empty().quantile(0.5)));
    // lowest bucket with an upper bound <= 0: that bound, no interpolation
    assertEquals(-1, buckets(-1, 5, 0, 5, 1, 10, INF, 10).quantile(0.3));
    // q=0 reaches an empty lowest bucket: 0/0 as in Prometheus
    assertTrue(Double.isNaN(buckets(0.1, 0, 0.2, 10, INF, 10).quantile(0)));
    assertEquals(0, buckets(0.1, 4, INF, 10).quantile(0));
  }

  @Test
  void quantileRepairsNonMonotonicCounts() {
    // 0.2:8 is raised to 10 first; q=0.6: rank 12 → 0.2 + 0.2 * (12 - 10)/(20 - 10) = 0.24
    assertEquals(0.24, buckets(0.1, 10, 0.2, 8, 0.4, 20, INF, 20).quantile(0.6), 1e-12);
  }

  @Test
  void fromSumsMatchingSeriesByLe() {
    Scrape scrape =
        PrometheusText.parse(
            """
            h_bucket{status="200",le="1"} 2
            h_bucket{status="200",le="+Inf"} 3
            h_bucket{status="500",le="1.0"} 1
            h_bucket{status="500",le="+Inf"} 4
            h_count{status="200"} 3
            h_count{status="500"} 4
            h_sum{status="200"} 2.5
            h_sum{status="500"} 7
            h_bucket{le="1"} 1000
            """);
    Histogram all = Histogram.from(scrape, "h", Map.of());
    Histogram statuses =
        Histogram.from(scrape, "h", Map.of("status", "200"))
            .plus(Histogram.from(scrape, "h", Map.of("status", "500")));
    assertArrayEquals(new double[] {1, INF}, statuses.upperBounds());
    assertArrayEquals(new double[] {3, 7}, statuses.cumulativeCounts());
    assertEquals(7, statuses.count());
    assertEquals(9.5, statuses.sum());
    assertArrayEquals(new double[] {1003, 7}, all.cumulativeCounts());
    assertTrue(Histogram.from(scrape, "nothing", Map.of()).isEmpty());
  }

  @Test
  void minusIsTheIntervalAndAResetGivesTheLaterSnapshot() {
    Histogram start = Histogram.of(Map.of(0.1, 5.0, INF, 8.0), 8, 2);
    Histogram end = Histogram.of(Map.of(0.1, 7.0, INF, 12.0), 12, 3);
    Histogram delta = end.minus(start);
    assertArrayEquals(new double[] {2, 4}, delta.cumulativeCounts());
    assertEquals(4, delta.count());
    assertEquals(1, delta.sum());
    assertTrue(!end.isResetSince(start));

    Histogram restarted = Histogram.of(Map.of(0.1, 1.0, INF, 9.0), 9, 1);
    assertTrue(restarted.isResetSince(start), "a bucket went down although the count rose");
    assertSame(restarted, restarted.minus(start));
    Histogram otherLayout = Histogram.of(Map.of(0.2, 6.0, INF, 9.0), 9, 1);
    assertSame(otherLayout, otherLayout.minus(start));
    assertSame(end, end.minus(Histogram.empty()));
    assertEquals(start, start.minus(Histogram.empty()));
  }

  @Test
  void plusUnitesDifferentLayoutsLikeSumByLe() {
    Histogram a = Histogram.of(Map.of(0.1, 1.0, INF, 2.0), 2, 0);
    Histogram b = Histogram.of(Map.of(0.2, 3.0, INF, 4.0), 4, 0);
    Histogram sum = a.plus(b);
    assertArrayEquals(new double[] {0.1, 0.2, INF}, sum.upperBounds());
    assertArrayEquals(new double[] {1, 3, 6}, sum.cumulativeCounts());
    assertSame(a, a.plus(Histogram.empty()));
    assertSame(a, Histogram.empty().plus(a));
  }

  @Test
  void bucketCountsAreNonCumulative() {
    assertArrayEquals(
        new double[] {10, 10, 20, 0}, buckets(0.1, 10, 0.2, 20, 0.4, 40, INF, 40).bucketCounts());
  }
}
