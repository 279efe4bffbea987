package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ProbeCheckResult;
import io.modelops.api.v1alpha1.PrometheusProbe;
import io.modelops.localcluster.PrometheusProcess;
import io.modelops.operator.prometheus.PrometheusClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A drill's Prometheus checks against the real Prometheus server ({@link PrometheusProcess}): its
 * HTTP API evaluates the PromQL, {@link PromWatch} judges the answers. Constant expressions ({@code
 * vector(…)}) need no scraping, so the server starts with no targets and the class takes about as
 * long as Prometheus takes to start.
 */
class PromWatchIT {

  static PrometheusProcess prometheus;
  static String address;

  @BeforeAll
  static void start() throws Exception {
    prometheus = PrometheusProcess.start("global:\n  scrape_interval: 1m\n", "127.0.0.1");
    address = prometheus.address();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static PrometheusProbe check(String name, String query, String max, String min) {
    PrometheusProbe p = new PrometheusProbe();
    p.setName(name);
    p.setQuery(query);
    p.setMax(max);
    p.setMin(min);
    return p;
  }

  private static PromWatch watch(PrometheusProbe... checks) {
    return new PromWatch(
        new PrometheusClient(Duration.ofSeconds(2)), address, List.of(checks), Clock.systemUTC());
  }

  @Test
  void aBreachedCheckIsReportedWithItsQueryValueAndLimit() {
    PromWatch watch = watch(check("error-ratio", "vector(0.12)", "0.05", null));
    watch.poll().join();
    assertEquals(
        "Prometheus check error-ratio (vector(0.12)) = 0.12, above max 0.05",
        watch.breach().orElseThrow());
  }

  @Test
  void eachCheckIsJudgedAndNoDataOrABadQueryIsNotABreach() {
    PromWatch watch =
        watch(
            check("fine", "vector(0.01)", "0.05", null),
            check("throughput", "vector(3)", null, "5"),
            check("absent", "no_such_metric_total", "1", null),
            check("broken", "sum(", "1", null));
    watch.poll().join();
    Map<String, ProbeCheckResult> results =
        watch.results().stream()
            .collect(Collectors.toMap(ProbeCheckResult::getName, Function.identity()));

    assertEquals("0.01", results.get("fine").getValue());
    assertEquals(true, results.get("fine").getPassed());
    assertEquals("3", results.get("throughput").getValue());
    assertEquals(false, results.get("throughput").getPassed());
    assertEquals("5", results.get("throughput").getMin());
    assertNull(results.get("absent").getValue());
    assertEquals("no data", results.get("absent").getMessage());
    assertNull(results.get("broken").getPassed());
    assertTrue(
        results.get("broken").getMessage().contains("bad_data"),
        results.get("broken").getMessage());
    assertEquals(
        "Prometheus check throughput (vector(3)) = 3, below min 5", watch.breach().orElseThrow());
  }
}
