package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The exact Prometheus names the chart's alerts use. */
class DrillMetricsTest {

  @Test
  void exposesTheAlertedNames() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var metrics = new DrillMetrics(registry);
    metrics.finished(
        "search",
        "nightly",
        "Passed",
        Instant.ofEpochSecond(1_777_000_000L),
        Duration.ofSeconds(14));
    metrics.finished("search", "blocked", "Skipped", Instant.ofEpochSecond(1_777_000_100L), null);
    // the simpleclient format writes a trailing comma in label sets: {a="b",}
    String text = registry.scrape().replace(",}", "}");
    assertTrue(text.contains("modelops_drill_runs_total{verdict=\"Passed\"} 1.0"), text);
    assertTrue(text.contains("modelops_drill_runs_total{verdict=\"Skipped\"} 1.0"), text);
    assertTrue(
        text.contains(
            "modelops_drill_last_run_timestamp_seconds{namespace=\"search\",schedule=\"nightly\"}"
                + " 1.777E9"),
        text);
    assertFalse(text.contains("schedule=\"blocked\""), "a Skipped run is not a run for the alert");
    assertTrue(text.contains("modelops_drill_rto_seconds_count 1"), text);
  }
}
