package io.modelops.localcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real Prometheus binary started with a trivial configuration: ready and answering queries on
 * return, waiting for the caller's condition, gone after close; a configuration it rejects fails
 * the start with its log. About 2 s.
 */
class PrometheusProcessIT {

  private static final String CONFIG = "global:\n  scrape_interval: 1m\n";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readyOnReturnAnsweringQueriesAndStoppedByClose() throws Exception {
    Set<ProcessHandle> before = children();
    List<String> asked = new ArrayList<>();
    PrometheusProcess prometheus =
        PrometheusProcess.start(
            CONFIG,
            "127.0.0.1",
            at -> {
              asked.add(at);
              if (asked.size() == 1) {
                throw new IllegalStateException("a failing condition counts as not yet");
              }
              return asked.size() == 3;
            });
    ProcessHandle child = started(before);
    try {
      assertTrue(prometheus.address().startsWith("http://127.0.0.1:"), prometheus.address());
      String at = prometheus.address();
      assertEquals(List.of(at, at, at), asked, "start returned once the condition held");
      assertEquals(200, get(prometheus.address() + "/-/ready").statusCode());
      String answer = prometheus.query("vector(42)");
      assertTrue(answer.contains("\"status\":\"success\"") && answer.contains("\"42\""), answer);
    } finally {
      prometheus.close();
    }
    assertFalse(child.isAlive(), "prometheus still running after close");
    assertThrows(ConnectException.class, () -> get(prometheus.address() + "/-/ready"));
  }

  @Test
  void aRejectedConfigurationFailsTheStartWithTheLog() {
    Set<ProcessHandle> before = children();
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> PrometheusProcess.start("scrape_configs: {not: a list}\n", "127.0.0.1"));
    assertTrue(e.getMessage().startsWith("prometheus exited"), e.getMessage());
    assertTrue(e.getMessage().contains("prometheus.yml"), e.getMessage());
    assertEquals(before, children());
  }

  private HttpResponse<String> get(String uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Set<ProcessHandle> children() {
    return ProcessHandle.current().children().collect(Collectors.toSet());
  }

  /** The one prometheus child process not in {@code before}. */
  private static ProcessHandle started(Set<ProcessHandle> before) {
    List<ProcessHandle> started =
        ProcessHandle.current()
            .children()
            .filter(p -> !before.contains(p))
            .filter(p -> p.info().command().orElse("").endsWith("/prometheus"))
            .toList();
    assertEquals(1, started.size(), "prometheus children: " + started);
    return started.get(0);
  }
}
