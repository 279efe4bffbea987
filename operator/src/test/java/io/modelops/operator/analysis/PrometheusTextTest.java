package io.modelops.operator.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusTextTest {

  @Test
  void parsesTheGrammar() {
    Scrape scrape =
        PrometheusText.parse(
            String.join(
                "\n",
                "# HELP m_total Some help with \"quotes\" and \\ backslashes",
                "# TYPE m_total counter",
                "m_total{a=\"x\",b=\"q\\\"uote\\\\back\\nline\",} 1.5e3 1700000000000",
                "",
                "  # a comment",
                "up 1",
                "empty_braces{} -2.5E-3",
                "spaced { a = \"1\" , b=\"2\" }\t+Inf",
                "neg -Inf",
                "nan NaN",
                "inf_lower{x=\"y\"} inf",
                "name:with:colons 7 # {trace_id=\"abc\"} 1.0",
                "m_created{a=\"x\"} 1.7e9",
                "crlf 3\r",
                "# EOF",
                ""));
    List<Sample> s = scrape.samples();
    assertEquals(9, s.size(), s::toString); // m_created left out
    assertEquals(
        new Sample("m_total", Map.of("a", "x", "b", "q\"uote\\back\nline"), 1500), s.get(0));
    assertEquals(new Sample("up", Map.of(), 1), s.get(1));
    assertEquals(-0.0025, s.get(2).value());
    assertEquals(
        new Sample("spaced", Map.of("a", "1", "b", "2"), Double.POSITIVE_INFINITY), s.get(3));
    assertEquals(Double.NEGATIVE_INFINITY, s.get(4).value());
    assertTrue(Double.isNaN(s.get(5).value()));
    assertEquals(Double.POSITIVE_INFINITY, s.get(6).value());
    assertEquals(new Sample("name:with:colons", Map.of(), 7), s.get(7));
    assertEquals(new Sample("crlf", Map.of(), 3), s.get(8));
    assertEquals(Map.of("m_total", "counter"), scrape.types());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "m",
        "m ",
        "m 1d",
        "m 0x1p3",
        "m 1 2 3",
        "m 1 x",
        "m{a=\"1\"}1",
        "m{a=\"1\" 1",
        "m{a=1} 1",
        "m{a=\"unclosed} 1",
        "m{a=\"bad \\t escape\"} 1",
        "m{a=\"1\",a=\"2\"} 1",
        "m{1a=\"1\"} 1",
        "9m 1",
        "<html><body>502 Bad Gateway</body></html>",
        "# TYPE m",
        "# TYPE m countr",
      })
  void refusesABadLineNamingIt(String bad) {
    PrometheusTextException e =
        assertThrows(PrometheusTextException.class, () -> PrometheusText.parse("ok 1\n" + bad));
    assertEquals(2, e.lineNumber());
    assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
  }

  /** The runtime's real exposition (RuntimeMetrics.scrape(), Micrometer 1.17 + client_java 1.7). */
  @Test
  void parsesTheRuntimesOwnScrape() {
    Scrape scrape = Fixtures.scrape("runtime-end.txt");

    assertEquals("histogram", scrape.types().get("modelops_runtime_request_duration_seconds"));
    assertEquals("counter", scrape.types().get("modelops_runtime_requests_total"));
    assertTrue(scrape.samples().stream().allMatch(s -> "ctr".equals(s.label("model"))));
    assertTrue(scrape.samples().stream().allMatch(s -> "2026-11-13".equals(s.label("version"))));
    assertEquals(15, scrape.sum("modelops_runtime_requests_total", Map.of()));
    assertEquals(
        10,
        scrape.sum(
            "modelops_runtime_requests_total", Map.of("outcome", "success", "status", "200")));
    assertEquals(2, scrape.sum("modelops_runtime_requests_total", Map.of("outcome", "rejected")));
    assertEquals(
        2,
        scrape.sum(
            "modelops_runtime_input_nonfinite_values_total", Map.of("input", "dense \"x\"\\y\nz")));
    assertTrue(Double.isNaN(scrape.sum("modelops_runtime_model_load_duration_seconds", Map.of())));
    assertEquals(
        29,
        scrape.select("modelops_runtime_request_duration_seconds_bucket", Map.of()).count(),
        "28 SLO buckets and +Inf");
  }

  /**
   * The operator's own Micrometer registry (simpleclient) in both formats: real output of another
   * Prometheus client, and OpenMetrics with {@code _created} samples and {@code # EOF}.
   */
  @Test
  void parsesSimpleclientOutputInBothFormats() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Timer timer =
        Timer.builder("t")
            .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(20))
            .register(registry);
    timer.record(Duration.ofMillis(5));
    timer.record(Duration.ofMillis(15));
    Counter.builder("c").tag("path", "a\"b").register(registry).increment(3);

    for (String format :
        List.of(TextFormat.CONTENT_TYPE_004, TextFormat.CONTENT_TYPE_OPENMETRICS_100)) {
      Scrape scrape = PrometheusText.parse(registry.scrape(format));
      assertEquals(3, scrape.sum("c_total", Map.of("path", "a\"b")), format);
      Histogram h = Histogram.from(scrape, "t_seconds", Map.of());
      assertEquals(2, h.count(), format);
      assertEquals(0.02, h.sum(), 1e-9, format);
      // rank 1 of 2 falls at the top of the first bucket (0..0.01]
      assertEquals(0.01, h.quantile(0.5), 1e-12, format);
      assertTrue(scrape.samples().stream().noneMatch(s -> s.name().endsWith("_created")), format);
    }
  }

  @Test
  void parsesValuesLikePrometheus() {
    assertEquals(0.5, PrometheusText.parseValue("+.5"));
    assertEquals(5.0, PrometheusText.parseValue("5."));
    assertEquals(-1e-7, PrometheusText.parseValue("-1E-7"));
    assertEquals(Double.POSITIVE_INFINITY, PrometheusText.parseValue("+Infinity"));
    assertThrows(NumberFormatException.class, () -> PrometheusText.parseValue(""));
    assertThrows(NumberFormatException.class, () -> PrometheusText.parseValue("1f"));
    assertThrows(NumberFormatException.class, () -> PrometheusText.parseValue("1_000"));
  }
}
