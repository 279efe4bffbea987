package io.modelops.operator.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

  static final String VECTOR =
      """
      {"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"track":"canary","le":"0.01"},"value":[1796119230.25,"120.5"]},
        {"metric":{"track":"stable"},"value":[1796119230.25,"NaN"]},
        {"metric":{},"value":[1796119230.25,"+Inf"]}]}}
      """;

  @Test
  void readsAVector() throws Exception {
    List<PromSample> samples = PrometheusClient.parse(200, VECTOR);
    assertEquals(3, samples.size());
    assertEquals(new PromSample(Map.of("track", "canary", "le", "0.01"), 120.5), samples.get(0));
    assertTrue(Double.isNaN(samples.get(1).value()));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(2).value());
  }

  @Test
  void readsAnEmptyVector() throws Exception {
    assertEquals(
        List.of(),
        PrometheusClient.parse(
            200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
  }

  @Test
  void refusesErrorsWithTheirReason() {
    var e =
        assertThrows(
            PrometheusQueryException.class,
            () ->
                PrometheusClient.parse(
                    400,
                    "{\"status\":\"error\",\"errorType\":\"bad_data\","
                        + "\"error\":\"invalid parameter \\\"query\\\": parse error\"}"));
    assertEquals(
        "Prometheus answered HTTP 400 bad_data: invalid parameter \"query\": parse error",
        e.getMessage());
    var html =
        assertThrows(
            PrometheusQueryException.class,
            () -> PrometheusClient.parse(502, "<html>Bad Gateway</html>"));
    assertTrue(
        html.getMessage().startsWith("Prometheus answered HTTP 502 with a body"),
        html.getMessage());
    var matrix =
        assertThrows(
            PrometheusQueryException.class,
            () ->
                PrometheusClient.parse(
                    200,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"));
    assertEquals("Prometheus answered a matrix, not a vector", matrix.getMessage());
    assertThrows(PrometheusQueryException.class, () -> PrometheusClient.parse(200, "{\"status\":"));
    assertThrows(PrometheusQueryException.class, () -> PrometheusClient.parse(200, ""));
    assertThrows(
        PrometheusQueryException.class,
        () ->
            PrometheusClient.parse(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                    + "[{\"metric\":{},\"value\":[1,\"twelve\"]}]}}"));
  }

  static HttpServer server(int status, String body, long delayMillis) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        exchange -> {
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return server;
  }

  static String address(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static PrometheusQueryException failure(PrometheusClient client, String address) {
    CompletionException e =
        assertThrows(
            CompletionException.class, () -> client.query(address, "up", Instant.now()).join());
    return assertInstanceOf(PrometheusQueryException.class, e.getCause());
  }

  @Test
  void queriesOverHttp() throws Exception {
    HttpServer server = server(200, VECTOR, 0);
    try {
      var samples =
          new PrometheusClient(Duration.ofSeconds(2))
              .query(address(server), "up", Instant.now())
              .join();
      assertEquals(3, samples.size());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aSlowServerTimesOut() throws Exception {
    // The server would answer after 20 s; the 300 ms timeout ends the call long before. The bound
    // is loose (a loaded CI machine once took 2.65 s to get the first call out and back).
    HttpServer server = server(200, VECTOR, 20_000);
    try {
      long t0 = System.nanoTime();
      var e = failure(new PrometheusClient(Duration.ofMillis(300)), address(server));
      assertTrue(e.getMessage().contains("did not answer within 300ms"), e.getMessage());
      assertTrue(
          System.nanoTime() - t0 < 10_000_000_000L, "bounded by the timeout, not the server");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnreachableServerIsAReason() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var e = failure(new PrometheusClient(Duration.ofSeconds(1)), "http://127.0.0.1:" + port);
    assertTrue(e.getMessage().contains("could not be queried"), e.getMessage());
  }

  @Test
  void anHttpErrorIsAReason() throws Exception {
    HttpServer server =
        server(
            503,
            "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}",
            0);
    try {
      var e = failure(new PrometheusClient(Duration.ofSeconds(2)), address(server));
      assertEquals("Prometheus answered HTTP 503 unavailable: TSDB not ready", e.getMessage());
    } finally {
      server.stop(0);
    }
  }
}
