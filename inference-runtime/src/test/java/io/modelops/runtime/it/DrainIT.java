package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Graceful drain: a continuous request stream, a real SIGTERM, and every request the server
 * admitted must have been answered 200.
 */
class DrainIT {
  private static final Pattern DRAINED =
      Pattern.compile("drained: admitted=(\\d+) completed=(\\d+) abandoned=(\\d+) in (\\d+) ms");

  @Test
  void everyAdmittedRequestSucceedsAcrossSigterm() throws Exception {
    CtrRankerModel model = CtrRankerModel.forVersion("drain-it");
    Path dir = RuntimeProcess.workDir("drain");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    Path token = Files.writeString(dir.resolve("token"), "drain-token");
    RuntimeProcess rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME", "ctr",
                    "MODEL_URI", file.toString(),
                    "RUNTIME_BATCH_MAX_SIZE", "32",
                    "RUNTIME_BATCH_MAX_QUEUE_DELAY", "2ms",
                    "RUNTIME_DRAIN_GRACE", "10s",
                    "RUNTIME_ADMIN_ENABLED", "true",
                    "RUNTIME_ADMIN_TOKEN_FILE", token.toString()))
            .awaitReady();
    try {
      // every response is held 1.5 s, so many requests are in flight when the signal lands
      HttpResponse<String> fault =
          rt.client()
              .send(
                  java.net.http.HttpRequest.newBuilder(rt.uri("/admin/faults"))
                      .header("Authorization", "Bearer drain-token")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofString(
                              "{\"type\":\"latency\",\"latency\":\"1500ms\",\"duration\":\"1m\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(201, fault.statusCode());

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger draining503 = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      Map<String, Integer> unexpected = new ConcurrentHashMap<>();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        Thread t =
            new Thread(
                () -> {
                  int i = 0;
                  while (!stop.get()) {
                    long[] ids = CtrRankerModel.sampleIds(2, client * 10_000L + i);
                    float[][] dense = CtrRankerModel.sampleDense(2, client * 10_000L + i);
                    i++;
                    try {
                      HttpResponse<String> r =
                          rt.post("/v2/models/ctr/infer", CtrRequests.json(ids, dense, false, ""));
                      if (r.statusCode() == 200) {
                        CtrRequests.assertClose(
                            model.score(ids, dense),
                            CtrRequests.scores(RuntimeProcess.json(r.body())));
                        ok.incrementAndGet();
                      } else if (r.statusCode() == 503 && r.body().contains("draining")) {
                        draining503.incrementAndGet();
                      } else {
                        unexpected.merge(r.statusCode() + " " + r.body(), 1, Integer::sum);
                      }
                    } catch (java.io.IOException e) {
                      // connection refused/closed: the server did not admit this request
                      refused.incrementAndGet();
                      sleep(5);
                    } catch (Exception | AssertionError e) {
                      unexpected.merge(e.toString(), 1, Integer::sum);
                    }
                  }
                });
        t.start();
        clients.add(t);
      }
      Thread.sleep(2500);
      long signalled = System.nanoTime();
      rt.terminate();
      // readiness fails at once while admitted requests are still being held
      // (polled: the signal reaches the JVM asynchronously)
      HttpResponse<String> ready = null;
      long pollUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < pollUntil) {
        try {
          ready = rt.get("/v2/health/ready");
        } catch (java.io.IOException e) {
          throw new AssertionError(
              "readiness probe failed during the drain: " + e + "\n" + rt.logs(), e);
        }
        if (ready.statusCode() == 503) {
          break;
        }
        Thread.sleep(10);
      }
      assertEquals(503, ready.statusCode(), "readiness did not fail after SIGTERM");
      assertTrue(ready.body().contains("draining"), ready.body());
      assertTrue(rt.waitForExit(Duration.ofSeconds(15)), "process did not exit");
      long exitMs = (System.nanoTime() - signalled) / 1_000_000;
      Thread.sleep(100);
      stop.set(true);
      for (Thread t : clients) {
        t.join(10_000);
      }
      assertEquals(0, rt.exitCode(), rt.logs());
      assertTrue(exitMs < 10_000, "exit took " + exitMs + " ms, longer than the grace period");
      assertTrue(unexpected.isEmpty(), "unexpected outcomes: " + unexpected);
      Matcher m = DRAINED.matcher(rt.logs());
      assertTrue(m.find(), rt.logs());
      long admitted = Long.parseLong(m.group(1));
      assertEquals(admitted, Long.parseLong(m.group(2)), "admitted vs completed");
      assertEquals(0, Long.parseLong(m.group(3)), "abandoned");
      assertEquals(admitted, ok.get(), "every admitted request got a 200 (and only those)");
      Matcher started = Pattern.compile("draining (\\d+) in-flight requests").matcher(rt.logs());
      assertTrue(started.find(), rt.logs());
      assertTrue(
          Integer.parseInt(started.group(1)) > 0, "nothing was in flight when the signal came");
      assertTrue(ok.get() >= 8, "too few successful requests: " + ok.get());
      assertTrue(draining503.get() + refused.get() > 0, "no request arrived after the signal");
    } finally {
      rt.close();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
