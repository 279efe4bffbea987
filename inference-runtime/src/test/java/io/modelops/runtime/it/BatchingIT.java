package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.runtime.testmodels.CtrRankerModel;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Dynamic batching under concurrency: merged runs, yet every caller gets its own rows. */
class BatchingIT {
  private static final int CLIENTS = 32;
  private static final int REQUESTS_PER_CLIENT = 8;

  @Test
  void concurrentClientsEachGetTheirOwnRows() throws Exception {
    CtrRankerModel model = CtrRankerModel.forVersion("batching-it");
    Path dir = RuntimeProcess.workDir("batching");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    try (RuntimeProcess rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME", "ctr",
                    "MODEL_URI", file.toString(),
                    "RUNTIME_BATCH_MAX_SIZE", "64",
                    "RUNTIME_BATCH_MAX_QUEUE_DELAY", "5ms",
                    "RUNTIME_WORKER_THREADS", "1"))
            .awaitReady()) {
      assertTrue(rt.logs().contains("batching=max 64 rows"), rt.logs());
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          futures.add(pool.submit(() -> runClient(rt, model, client)));
        }
        int checked = 0;
        for (Future<Integer> f : futures) {
          checked += f.get();
        }
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, checked);
      } finally {
        pool.shutdownNow();
      }
      String metrics = rt.get("/metrics").body();
      double runs = value(metrics, "modelops_runtime_batch_size_rows_count{");
      double rows = value(metrics, "modelops_runtime_batch_size_rows_sum{");
      double max = value(metrics, "modelops_runtime_batch_size_rows_max{");
      int expectedRows = 0;
      for (int c = 0; c < CLIENTS; c++) {
        expectedRows += REQUESTS_PER_CLIENT * rowsFor(c);
      }
      assertEquals(expectedRows, rows, 0.0, "every row ran exactly once");
      assertTrue(runs < CLIENTS * REQUESTS_PER_CLIENT, "no request was merged: " + runs + " runs");
      assertTrue(max <= 64, "a batch exceeded max rows: " + max);
      pipelinedResponsesKeepRequestOrder(rt, model);
    }
  }

  /** HTTP/1.1 pipelining: a quick health answer must not overtake an earlier inference. */
  private static void pipelinedResponsesKeepRequestOrder(RuntimeProcess rt, CtrRankerModel model)
      throws Exception {
    String first =
        CtrRequests.json(
            CtrRankerModel.sampleIds(64, 1),
            CtrRankerModel.sampleDense(64, 1),
            false,
            ",\"id\":\"p1\"");
    String third =
        CtrRequests.json(
            CtrRankerModel.sampleIds(1, 3),
            CtrRankerModel.sampleDense(1, 3),
            false,
            ",\"id\":\"p3\"");
    String host = "Host: 127.0.0.1\r\n";
    String pipelined =
        post(first, host) + "GET /v2/health/live HTTP/1.1\r\n" + host + "\r\n" + post(third, host);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", rt.uri("/").getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(pipelined.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      String r1 = readResponse(in);
      String r2 = readResponse(in);
      String r3 = readResponse(in);
      assertTrue(r1.contains("\"id\":\"p1\""), r1);
      assertEquals("{\"live\":true}", r2);
      assertTrue(r3.contains("\"id\":\"p3\""), r3);
    }
  }

  private static String post(String body, String host) {
    return "POST /v2/models/ctr/infer HTTP/1.1\r\n"
        + host
        + "Content-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /** Reads one HTTP response with a Content-Length body; returns the body. */
  private static String readResponse(java.io.DataInputStream in) throws java.io.IOException {
    int length = -1;
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new java.io.EOFException("connection closed in headers");
      }
      if (c == '\n') {
        String l = line.toString().trim();
        line.setLength(0);
        if (l.isEmpty()) {
          break;
        }
        if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(l.substring(15).trim());
        }
      } else {
        line.append((char) c);
      }
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return new String(body, StandardCharsets.UTF_8);
  }

  private static int rowsFor(int client) {
    return 1 + client % 3;
  }

  /** One client: distinct ids and features per request, response checked row by row. */
  private static int runClient(RuntimeProcess rt, CtrRankerModel model, int client)
      throws Exception {
    int ok = 0;
    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
      int rows = rowsFor(client);
      long seed = client * 1000L + i;
      long[] ids = CtrRankerModel.sampleIds(rows, seed);
      float[][] dense = CtrRankerModel.sampleDense(rows, seed);
      String id = "c" + client + "-" + i;
      boolean binary = (client + i) % 2 == 0;
      float[] scores;
      if (binary) {
        CtrRequests.Binary req =
            CtrRequests.binary(
                ids, dense, ",\"id\":\"" + id + "\",\"parameters\":{\"binary_data_output\":true}");
        HttpResponse<byte[]> r =
            rt.postBytes(
                "/v2/models/ctr/infer",
                req.body(),
                "Inference-Header-Content-Length",
                Integer.toString(req.headerLength()));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        int h =
            Integer.parseInt(
                r.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
        JsonNode head = RuntimeProcess.json(new String(r.body(), 0, h, StandardCharsets.UTF_8));
        assertEquals(id, head.get("id").asText());
        assertEquals("[" + rows + ",1]", head.get("outputs").get(0).get("shape").toString());
        scores = CtrRequests.floats(r.body(), h, r.body().length - h);
      } else {
        HttpResponse<String> r =
            rt.post(
                "/v2/models/ctr/infer",
                CtrRequests.json(ids, dense, false, ",\"id\":\"" + id + "\""));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = RuntimeProcess.json(r.body());
        assertEquals(id, body.get("id").asText());
        scores = CtrRequests.scores(body);
      }
      CtrRequests.assertClose(model.score(ids, dense), scores);
      ok++;
    }
    return ok;
  }

  private static double value(String metrics, String prefix) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }
}
