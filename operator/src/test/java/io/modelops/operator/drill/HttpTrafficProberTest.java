package io.modelops.operator.drill;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prober against a real HTTP server standing in for a runtime pod. */
class HttpTrafficProberTest {

  HttpServer server;
  final AtomicInteger inferences = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v2/models/m",
        exchange -> {
          byte[] body =
              exchange.getRequestURI().getPath().endsWith("/infer")
                  ? "{\"outputs\":[]}".getBytes(StandardCharsets.UTF_8)
                  : "{\"name\":\"m\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,2]}]}"
                      .getBytes(StandardCharsets.UTF_8);
          if (exchange.getRequestURI().getPath().endsWith("/infer")) {
            inferences.incrementAndGet();
          }
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void nothingIsProbedOrCountedBeforeThePodsAreKnownThenEveryProbeReachesThem() throws Exception {
    try (var prober =
        new HttpTrafficProber(new ProbeSpec("m", 50, Duration.ofSeconds(1)), Clock.systemUTC())) {
      Thread.sleep(300); // ~15 ticks without endpoints: a prober created a moment before the
      // reconciler tells it the pods must not record those as failed requests
      assertEquals(0, prober.stats().requests());
      prober.endpoints(List.of("http://127.0.0.1:" + server.getAddress().getPort()));
      await().atMost(Duration.ofSeconds(10)).until(() -> prober.stats().requests() >= 10);
      assertEquals(0, prober.stats().errors());
    }
  }

  @Test
  void noReadyPodCountsAsAFailedProbe() {
    try (var prober =
        new HttpTrafficProber(new ProbeSpec("m", 50, Duration.ofSeconds(1)), Clock.systemUTC())) {
      prober.endpoints(List.of());
      await().atMost(Duration.ofSeconds(10)).until(() -> prober.stats().errors() >= 5);
      assertEquals(prober.stats().requests(), prober.stats().errors());
    }
  }
}
