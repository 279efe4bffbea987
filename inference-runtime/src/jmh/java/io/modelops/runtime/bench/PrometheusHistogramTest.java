package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusHistogramTest {

  private static String scrape(long b1, long b2, long b3, long inf, double sum) {
    return """
        # HELP t_seconds test
        # TYPE t_seconds histogram
        t_seconds_bucket{model="ctr",le="1.0E-5"} %d
        t_seconds_bucket{model="ctr",le="2.0E-5"} %d
        t_seconds_bucket{model="ctr",le="4.0E-5"} %d
        t_seconds_bucket{model="ctr",le="+Inf"} %d
        t_seconds_count{model="ctr"} %d
        t_seconds_sum{model="ctr"} %s
        t_seconds_bucket{model="other",le="1.0E-5"} 1000
        t_seconds_bucket{model="other",le="+Inf"} 1000
        t_seconds_count{model="other"} 1000
        t_seconds_sum{model="other"} 1.0
        other_metric 5
        """
        .formatted(b1, b2, b3, inf, inf, Double.toString(sum));
  }

  @Test
  void deltaBetweenScrapesAndInterpolatedQuantiles() {
    Map<String, String> ctr = Map.of("model", "ctr");
    PrometheusHistogram before =
        PrometheusHistogram.parse(scrape(5, 5, 5, 5, 0.001), "t_seconds", ctr);
    PrometheusHistogram after =
        PrometheusHistogram.parse(scrape(5, 105, 205, 205, 0.005), "t_seconds", ctr);
    PrometheusHistogram d = after.minus(before);
    assertEquals(200, d.count());
    assertEquals(0.004 / 200, d.mean(), 1e-12);
    // 100 observations in (10, 20] us, 100 in (20, 40] us: the median is the edge at 20 us
    assertEquals(20e-6, d.quantile(0.5), 1e-9);
    assertEquals(30e-6, d.quantile(0.75), 1e-9);
    assertEquals(15e-6, d.quantile(0.25), 1e-9);
  }

  @Test
  void labelsFilterSeriesAndMissingMetricIsEmpty() {
    PrometheusHistogram all =
        PrometheusHistogram.parse(scrape(1, 1, 1, 1, 0), "t_seconds", Map.of());
    assertEquals(1001, all.count());
    assertTrue(PrometheusHistogram.parse(scrape(1, 1, 1, 1, 0), "absent", Map.of()).isEmpty());
    assertTrue(Double.isNaN(PrometheusHistogram.parse("", "t_seconds", Map.of()).quantile(0.5)));
  }

  @Test
  void quantileInTheOverflowBucketReportsTheHighestBound() {
    PrometheusHistogram h =
        PrometheusHistogram.parse(scrape(0, 0, 1, 100, 1), "t_seconds", Map.of("model", "ctr"));
    assertEquals(40e-6, h.quantile(0.99), 1e-12);
  }
}
