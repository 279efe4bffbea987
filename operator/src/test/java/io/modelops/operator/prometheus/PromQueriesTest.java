package io.modelops.operator.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromQueriesTest {

  static final PromQueries Q = PromQueries.of("search", "ctr", Duration.ofSeconds(30));
  static final String SEL = "namespace=\"search\",modeldeployment=\"ctr\",track=~\"canary|stable\"";

  @Test
  void buildsTheQueriesOfBothTracks() {
    assertEquals(
        "count by (track) (sum by (track, instance) (increase(modelops_runtime_requests_total{"
            + SEL
            + "}[30s])))",
        Q.pods());
    assertEquals(
        "sum by (track) (increase(modelops_runtime_requests_total{" + SEL + "}[30s]))",
        Q.requests());
    assertEquals(
        "sum by (track) (increase(modelops_runtime_requests_total{"
            + SEL
            + ",status=~\"5..\"}[30s]))",
        Q.status5xx());
    assertEquals(
        "sum by (track, le) (increase(modelops_runtime_request_duration_seconds_bucket{"
            + SEL
            + ",code=~\"2..|\"}[30s]))",
        Q.successLatencyBuckets());
    assertEquals(
        "sum by (track, output, le) (increase(modelops_runtime_output_value_bucket{"
            + SEL
            + "}[30s]))",
        Q.outputBuckets());
    assertEquals(
        "histogram_quantile(0.99, sum by (le) (rate(modelops_runtime_request_duration_seconds_bucket"
            + "{namespace=\"search\",modeldeployment=\"ctr\",track=\"canary\",code=~\"2..|\"}[30s])))",
        Q.latencyQuantile(0.99, "canary"));
  }

  @Test
  void rangeIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertEquals("31s", PromQueries.of("a", "b", Duration.ofMillis(30_001)).rangeText());
    assertEquals("1s", PromQueries.of("a", "b", Duration.ofSeconds(1)).rangeText());
    assertThrows(
        IllegalArgumentException.class, () -> PromQueries.of("a", "b", Duration.ofMillis(999)));
  }

  @Test
  void labelValuesAreEscaped() {
    // not a valid namespace, but the selector must stay one selector whatever it is given
    PromQueries odd = new PromQueries("a\"b", "c\\d", Duration.ofSeconds(5));
    assertEquals(
        "sum by (track) (increase(modelops_runtime_requests_total{namespace=\"a\\\"b\","
            + "modeldeployment=\"c\\\\d\",track=~\"canary|stable\"}[5s]))",
        odd.requests());
  }

  @Test
  void queryUriCarriesTheQueryTimeAndTimeout() {
    URI uri =
        PrometheusClient.queryUri(
            "http://prom:9090/prefix/",
            Q.requests(),
            Instant.parse("2026-12-01T10:00:30.250Z"),
            Duration.ofSeconds(2));
    assertEquals("/prefix/api/v1/query", uri.getPath());
    String query = uri.getRawQuery();
    assertEquals(
        "query=" + Q.requests() + "&time=1796119230.250&timeout=2000ms",
        URLDecoder.decode(query, StandardCharsets.UTF_8));
  }
}
