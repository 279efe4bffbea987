package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import java.net.Socket;
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
  private static final long READ_TIMEOUT_MS = 3_000;
  private static final int MAX_CONNECTIONS = 48;
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
                    "MODEL_CACHE_DIR", dir.resolve("cache").toString(),
                    "RUNTIME_READ_TIMEOUT", READ_TIMEOUT_MS + "ms",
                    "RUNTIME_MAX_CONNECTIONS", Integer.toString(MAX_CONNECTIONS)))
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

  @Test
  void halfSentRequestsAreClosedAfterTheReadTimeout() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Socket s = RawHttp.connect(port, 15_000);
        String part =
            i % 2 == 0
                ? "POST /v2/models/ctr/infer HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"in"
                : "POST /v2/models/ctr/infer HTTP/1.1\r\nHost: x\r\nContent-Le";
        s.getOutputStream().write(part.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        latencies.add(probeMs());
      }
      assertMedianFast(latencies);
      long start = System.nanoTime();
      for (Socket s : slow) {
        // the server closes: read() ends with -1 (or a reset), not with our 15 s read timeout
        try {
          assertEquals(-1, s.getInputStream().read());
        } catch (java.net.SocketException reset) {
          // closed by the server with unread bytes: also a close
        }
      }
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waitedMs < 10_000, "half-sent requests closed only after " + waitedMs + " ms");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void connectionsOverTheCapAreRefusedCleanly() throws Exception {
    List<Socket> held = new ArrayList<>();
    int refused = 0;
    try {
      for (int i = 0; i < MAX_CONNECTIONS + 8; i++) {
        held.add(RawHttp.connect(port, 5_000));
      }
      for (Socket s : held.subList(MAX_CONNECTIONS - 8, held.size())) {
        s.setSoTimeout(300);
        try {
          RawHttp.Answer a = RawHttp.read(s.getInputStream());
          assertEquals(503, a.status(), a.body());
          assertTrue(a.body().contains("RUNTIME_MAX_CONNECTIONS"), a.body());
          refused++;
        } catch (java.net.SocketTimeoutException admitted) {
          // admitted (under the cap): nothing to read
        }
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    assertTrue(refused >= 8, "refused " + refused + " of the connections over the cap");
    // the slots come back once the connections are closed
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (probeMs() >= PROBE_TIMEOUT_MS && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static void assertMedianFast(List<Long> latencies) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long median = sorted.get(sorted.size() / 2);
    assertTrue(
        median < MEDIAN_BOUND_MS,
        "median /v2/health/live latency under abuse " + median + " ms (all: " + sorted + ")");
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
    } catch (java.io.IOException e) { // timed out, or refused over the connection cap
      return PROBE_TIMEOUT_MS;
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
