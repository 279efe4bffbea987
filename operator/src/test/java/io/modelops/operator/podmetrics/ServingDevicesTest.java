package io.modelops.operator.podmetrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serving-device lookup never blocks its caller (the reconcile thread). */
class ServingDevicesTest {

  private static final String INFO =
      "# TYPE modelops_runtime_model_info gauge\n"
          + "modelops_runtime_model_info{model=\"ctr\",device=\"cuda\"} 1\n";

  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger hits = new AtomicInteger();
  private ServingDevices devices;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/metrics",
        exchange -> {
          hits.incrementAndGet();
          try {
            // the runtime answers only when the test lets it
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = INFO.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    devices = new ServingDevices(new PodScraper(pod -> Optional.of(uri), Duration.ofSeconds(5), 2));
  }

  @AfterEach
  void stop() {
    release.countDown();
    devices.close();
    server.stop(0);
  }

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid("uid-" + name)
        .endMetadata()
        .build();
  }

  @Test
  void answersAtOnceWhileThePodsAreAskedInTheBackgroundThenKnowsTheirDevice() {
    List<Pod> pods = List.of(pod("a"), pod("b"));

    // The pods have not answered (their handler waits on the latch), yet the call returns.
    assertEquals(Map.of(), devices.of(pods));
    await().atMost(Duration.ofSeconds(5)).until(() -> hits.get() == 2);
    assertTrue(devices.lookingUp(pods), "both scrapes still wait for an answer");

    // Asked again meanwhile: no second scrape of a pod already being asked.
    assertEquals(Map.of(), devices.of(pods));
    assertEquals(2, devices.asked());

    release.countDown();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !devices.lookingUp(pods));
    assertEquals(Map.of("a", "cuda", "b", "cuda"), devices.of(pods));
    assertEquals(2, devices.asked(), "a known pod is not asked again");
    assertFalse(devices.lookingUp(pods));
  }
}
