package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ProbeCheckResult;
import io.modelops.api.v1alpha1.PrometheusProbe;
import io.modelops.localcluster.ControlPlaneBinaries;
import io.modelops.operator.prometheus.PrometheusClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A drill's Prometheus checks against the real Prometheus server (the cached binary): its HTTP API
 * evaluates the PromQL, {@link PromWatch} judges the answers. Constant expressions ({@code
 * vector(…)}) need no scraping, so the server starts with no targets and the class takes about as
 * long as Prometheus takes to start.
 */
class PromWatchIT {

  static Process prometheus;
  static Path dir;
  static String address;

  @BeforeAll
  static void start() throws Exception {
    Path binary = ControlPlaneBinaries.load().binary("prometheus");
    assertTrue(Files.isExecutable(binary), binary + " missing: run bash local-cluster/build.sh");
    dir = Files.createTempDirectory("prometheus-drill-");
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1m\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    address = "http://127.0.0.1:" + port;
    prometheus =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      assertTrue(prometheus.isAlive(), "prometheus exited:\n" + log());
      assertTrue(System.nanoTime() < deadline, "prometheus not ready in time:\n" + log());
      try {
        var ready =
            http.send(
                HttpRequest.newBuilder(URI.create(address + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
  }

  static String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
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
