package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cheap denial of service against the real process: while abusive clients send their requests over
 * and over, the liveness probe (another connection) must stay fast, each abusive request must get a
 * clear client error, and a valid inference must still work afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseIT {
  private static final Duration WINDOW = Duration.ofSeconds(3);
  private static final long PROBE_TIMEOUT_MS = 2_000;
  private static final long MEDIAN_BOUND_MS = 200;
  private final CtrRankerModel model = CtrRankerModel.forVersion("abuse-it");
  private RuntimeProcess rt;
  private int port;

  @BeforeAll
  void start() throws Exception {
    Path dir = RuntimeProcess.workDir("abuse");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    // default body limit (64 MiB) and the harness's 256 MiB heap
    rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME", "ctr",
                    "MODEL_URI", file.toUri().toString(),
                    "MODEL_CACHE_DIR", dir.resolve("cache").toString()))
            .awaitReady();
    port = rt.uri("/").getPort();
  }

  @AfterAll
  void stop() {
    rt.close();
  }

  @AfterEach
  void stillServesValidInference() throws Exception {
    HttpResponse<String> r =
        rt.post(
            "/v2/models/ctr/infer",
            CtrRequests.json(new long[] {1, 2}, CtrRankerModel.sampleDense(2, 1), false, ""));
    assertEquals(200, r.statusCode(), r.body() + "\n" + rt.logs());
    assertTrue(!rt.logs().contains("OutOfMemoryError"), rt.logs());
  }

  @Test
  void hundredThousandOutputNamesAreRefusedAtOnce() throws Exception {
    StringBuilder b =
        new StringBuilder(
            CtrRequests.json(new long[] {1}, CtrRankerModel.sampleDense(1, 1), false, ""));
    b.setLength(b.length() - 1);
    b.append(",\"outputs\":[");
    for (int i = 0; i < 100_000; i++) {
      b.append(i == 0 ? "" : ",").append("{\"name\":\"o").append(i).append("\"}");
    }
    byte[] body = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    List<RawHttp.Answer> answers = abuse(body, 4);
    assertAllRefused(answers, 400, "the model has 1 outputs");
  }

  @Test
  void hundredThousandInputsAreRefusedAtOnce() throws Exception {
    StringBuilder b = new StringBuilder("{\"inputs\":[");
    for (int i = 0; i < 100_000; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":\"i")
          .append(i)
          .append("\",\"datatype\":\"INT8\",\"shape\":[1],\"data\":[0]}");
    }
    byte[] body = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    List<RawHttp.Answer> answers = abuse(body, 4);
    assertAllRefused(answers, 400, "the model has 2 inputs");
  }

  @Test
  void hugeDeclaredShapeIsRefusedBeforeAllocation() throws Exception {
    // 60M INT64 elements (480 MB) declared in a 60 MB body: before any check the decoder
    // allocated shape x 8 bytes and the 256 MiB heap ran out
    String head =
        "{\"inputs\":[{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[60000000],"
            + "\"data\":[0]}";
    String tail = "]}";
    byte[] body = new byte[60_000_100];
    java.util.Arrays.fill(body, (byte) ' ');
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(h, 0, body, 0, h.length);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(t, 0, body, body.length - t.length, t.length);
    List<RawHttp.Answer> answers = abuse(body, 1);
    assertAllRefused(answers, 413, "input 'item_ids'");
  }

  private static void assertAllRefused(List<RawHttp.Answer> answers, int status, String text) {
    assertTrue(!answers.isEmpty(), "no abusive request was answered");
    for (RawHttp.Answer a : answers) {
      assertEquals(status, a.status(), a.body());
      assertTrue(a.body().contains(text), a.body());
    }
  }

  /**
   * Sends {@code body} from {@code clients} connections over and over during {@link #WINDOW} while
   * probing liveness from another connection; asserts the median probe latency and returns the
   * abusive requests' answers.
   */
  private List<RawHttp.Answer> abuse(byte[] body, int clients) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<RawHttp.Answer> answers = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> abusers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      abusers.add(
          pool.submit(
              () -> {
                while (running.get()) {
                  answers.add(RawHttp.post(port, "/v2/models/ctr/infer", body, 60_000));
                }
                return null;
              }));
    }
    List<Long> latencies = new ArrayList<>();
    long end = System.nanoTime() + WINDOW.toNanos();
    Thread.sleep(100); // let the abusive requests arrive first
    while (System.nanoTime() < end) {
      latencies.add(probeMs());
      Thread.sleep(20);
    }
    running.set(false);
    pool.shutdown();
    boolean finished = pool.awaitTermination(30, TimeUnit.SECONDS);
    pool.shutdownNow();
    for (Future<?> f : abusers) {
      if (f.isDone()) {
        f.get();
      }
    }
    Collections.sort(latencies);
    long median = latencies.get(latencies.size() / 2);
    assertTrue(
        median < MEDIAN_BOUND_MS,
        "median /v2/health/live latency under abuse " + median + " ms (all: " + latencies + ")");
    assertTrue(finished, "abusive requests still unanswered after the window");
    return new ArrayList<>(answers);
  }

  private long probeMs() throws Exception {
    long start = System.nanoTime();
    try {
      HttpResponse<String> r =
          rt.client()
              .send(
                  HttpRequest.newBuilder(rt.uri("/v2/health/live"))
                      .timeout(Duration.ofMillis(PROBE_TIMEOUT_MS))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return PROBE_TIMEOUT_MS;
      }
    } catch (java.net.http.HttpTimeoutException e) {
      return PROBE_TIMEOUT_MS;
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
