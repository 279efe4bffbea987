package io.modelops.runtime.it;

import static io.modelops.runtime.it.CtrRequests.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.runtime.testmodels.CtrRankerModel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every V2 endpoint, JSON and binary, and every client error, against the real process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolIT {
  private static final int BODY_LIMIT = 256 * 1024;
  private final CtrRankerModel model = CtrRankerModel.forVersion("protocol-it");
  private RuntimeProcess rt;

  @BeforeAll
  void start() throws Exception {
    Path dir = RuntimeProcess.workDir("protocol");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME", "ctr",
                    "MODEL_VERSION", "3",
                    "MODEL_URI", file.toUri().toString(),
                    "MODEL_CACHE_DIR", dir.resolve("cache").toString(),
                    "RUNTIME_MAX_BODY_BYTES", Integer.toString(BODY_LIMIT)))
            .awaitReady();
  }

  @AfterAll
  void stop() {
    rt.close();
  }

  @Test
  void healthAndMetadataEndpoints() throws Exception {
    assertEquals("{\"live\":true}", rt.get("/v2/health/live").body());
    HttpResponse<String> ready = rt.get("/v2/health/ready");
    assertEquals(200, ready.statusCode());
    assertTrue(RuntimeProcess.json(ready.body()).get("ready").asBoolean());

    JsonNode server = RuntimeProcess.json(rt.get("/v2").body());
    assertEquals("modelops-inference-runtime", server.get("name").asText());
    assertTrue(server.get("extensions").toString().contains("binary_tensor_data"));

    for (String path : new String[] {"/v2/models/ctr", "/v2/models/ctr/versions/3"}) {
      HttpResponse<String> r = rt.get(path);
      assertEquals(200, r.statusCode(), path);
      JsonNode meta = RuntimeProcess.json(r.body());
      assertEquals("ctr", meta.get("name").asText());
      assertEquals("[\"3\"]", meta.get("versions").toString());
      assertEquals("onnx_onnxv1", meta.get("platform").asText());
      assertEquals(
          "[{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[-1]},"
              + "{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[-1,8]}]",
          meta.get("inputs").toString());
      assertEquals(
          "[{\"name\":\"score\",\"datatype\":\"FP32\",\"shape\":[-1,1]}]",
          meta.get("outputs").toString());
    }
    for (String path : new String[] {"/v2/models/ctr/ready", "/v2/models/ctr/versions/3/ready"}) {
      HttpResponse<String> r = rt.get(path);
      assertEquals(200, r.statusCode());
      assertEquals("{\"name\":\"ctr\",\"version\":\"3\",\"ready\":true}", r.body());
    }
  }

  @Test
  void jsonInferenceFlatAndNestedMatchesTheJavaForwardPass() throws Exception {
    long[] ids = CtrRankerModel.sampleIds(5, 11);
    float[][] dense = CtrRankerModel.sampleDense(5, 11);
    float[] expected = model.score(ids, dense);
    for (boolean nested : new boolean[] {false, true}) {
      HttpResponse<String> r =
          rt.post(
              "/v2/models/ctr/infer",
              CtrRequests.json(ids, dense, nested, ",\"id\":\"req-" + nested + "\""));
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
      JsonNode body = RuntimeProcess.json(r.body());
      assertEquals("ctr", body.get("model_name").asText());
      assertEquals("3", body.get("model_version").asText());
      assertEquals("req-" + nested, body.get("id").asText());
      JsonNode out = body.get("outputs").get(0);
      assertEquals("score", out.get("name").asText());
      assertEquals("FP32", out.get("datatype").asText());
      assertEquals("[5,1]", out.get("shape").toString());
      assertClose(expected, CtrRequests.scores(body));
    }
    HttpResponse<String> versioned =
        rt.post(
            "/v2/models/ctr/versions/3/infer",
            CtrRequests.json(ids, dense, false, ",\"outputs\":[{\"name\":\"score\"}]"));
    assertEquals(200, versioned.statusCode());
    assertClose(expected, CtrRequests.scores(RuntimeProcess.json(versioned.body())));
  }

  @Test
  void binaryTensorsBothWays() throws Exception {
    long[] ids = CtrRankerModel.sampleIds(64, 5);
    float[][] dense = CtrRankerModel.sampleDense(64, 5);
    float[] expected = model.score(ids, dense);

    // binary request, binary response
    CtrRequests.Binary req =
        CtrRequests.binary(ids, dense, ",\"parameters\":{\"binary_data_output\":true}");
    HttpResponse<byte[]> r =
        rt.postBytes(
            "/v2/models/ctr/infer",
            req.body(),
            "Inference-Header-Content-Length",
            Integer.toString(req.headerLength()),
            "Content-Type",
            "application/octet-stream");
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    int header =
        Integer.parseInt(r.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
    JsonNode head = RuntimeProcess.json(new String(r.body(), 0, header, StandardCharsets.UTF_8));
    JsonNode out = head.get("outputs").get(0);
    assertEquals(256, out.get("parameters").get("binary_data_size").asInt());
    assertFalse(out.has("data"));
    assertEquals(header + 256, r.body().length);
    assertClose(expected, CtrRequests.floats(r.body(), header, 256));

    // binary request, JSON response
    CtrRequests.Binary plain = CtrRequests.binary(ids, dense, "");
    HttpResponse<byte[]> j =
        rt.postBytes(
            "/v2/models/ctr/infer",
            plain.body(),
            "Inference-Header-Content-Length",
            Integer.toString(plain.headerLength()));
    assertEquals(200, j.statusCode());
    assertTrue(j.headers().firstValue("Inference-Header-Content-Length").isEmpty());
    assertClose(
        expected,
        CtrRequests.scores(RuntimeProcess.json(new String(j.body(), StandardCharsets.UTF_8))));

    // JSON request, per-output binary response
    HttpResponse<byte[]> b =
        rt.postBytes(
            "/v2/models/ctr/infer",
            CtrRequests.json(
                    ids,
                    dense,
                    false,
                    ",\"outputs\":[{\"name\":\"score\",\"parameters\":{\"binary_data\":true}}]")
                .getBytes(StandardCharsets.UTF_8));
    int h2 =
        Integer.parseInt(b.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
    assertClose(expected, CtrRequests.floats(b.body(), h2, 256));
  }

  @Test
  void everyClientMistakeIsA4xxNamingTheProblem() throws Exception {
    long[] ids = {1, 2};
    float[][] dense = CtrRankerModel.sampleDense(2, 1);
    String good = CtrRequests.json(ids, dense, false, "");
    String denseOk = "\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[1,8]";
    String idsOk = "{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1]}";
    String eight = "[0,0,0,0,0,0,0,0]";
    assertError(
        400,
        "shape [1,7] does not match the model's [-1,8]",
        "{\"inputs\":["
            + idsOk
            + ",{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[1,7],\"data\":[0,0,0,0,0,0,0]}]}");
    assertError(
        400,
        "needs 8 elements but 'data' has 7",
        "{\"inputs\":[" + idsOk + ",{" + denseOk + ",\"data\":[0,0,0,0,0,0,0]}]}");
    assertError(
        400,
        "unknown input 'extra'",
        "{\"inputs\":["
            + idsOk
            + ",{\"name\":\"extra\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}");
    assertError(
        400,
        "request names more than 2 inputs; the model has 2 inputs: [item_ids, dense]",
        "{\"inputs\":["
            + idsOk
            + ",{"
            + denseOk
            + ",\"data\":"
            + eight
            + "},{\"name\":\"extra\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}");
    assertError(400, "missing input 'dense'", "{\"inputs\":[" + idsOk + "]}");
    assertError(
        400,
        "inputs disagree on dimension 'N': 'item_ids' has 1, 'dense' has 2",
        "{\"inputs\":["
            + idsOk
            + ",{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[2,8],\"data\":"
            + "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}");
    assertError(
        400,
        "datatype FP64 does not match the model's FP32",
        "{\"inputs\":["
            + idsOk
            + ",{\"name\":\"dense\",\"datatype\":\"FP64\",\"shape\":[1,8],\"data\":"
            + eight
            + "}]}");
    assertError(
        400,
        "element 2 is \"x\", expected a number",
        "{\"inputs\":[" + idsOk + ",{" + denseOk + ",\"data\":[0,0,\"x\",0,0,0,0,0]}]}");
    assertError(
        400,
        "contains 1 NaN",
        "{\"inputs\":[" + idsOk + ",{" + denseOk + ",\"data\":[0,0,NaN,0,0,0,0,0]}]}");
    assertError(400, "malformed JSON", good.substring(0, good.length() - 3));
    assertError(
        400,
        "unknown output 'logits'",
        good.replace("]}]}", "]}],\"outputs\":[{\"name\":\"logits\"}]}"));

    CtrRequests.Binary bin = CtrRequests.binary(ids, dense, "");
    byte[] truncated = Arrays.copyOf(bin.body(), bin.body().length - 10);
    assertBinaryError(truncated, bin.headerLength(), 400, "binary section truncated");
    assertBinaryError(bin.body(), bin.body().length + 5, 400, "is larger than the body");
    assertBinaryError(bin.body(), -7, 400, "must be a non-negative integer");

    assertError(404, "unknown model 'nope'", good, "/v2/models/nope/infer");
    assertError(404, "has no version '9'", good, "/v2/models/ctr/versions/9/infer");
    HttpResponse<String> unknownMeta = rt.get("/v2/models/nope");
    assertEquals(404, unknownMeta.statusCode());
    assertEquals(404, rt.get("/v2/models/ctr/versions/9/ready").statusCode());
    assertEquals(404, rt.get("/v2/nothing").statusCode());
    assertEquals(405, rt.get("/v2/models/ctr/infer").statusCode());
    assertEquals(405, rt.post("/v2/health/live", "{}").statusCode());
    HttpResponse<String> admin = rt.get("/admin/faults");
    assertEquals(404, admin.statusCode());
    assertTrue(admin.body().contains("admin API is disabled"));

    // A body several times the limit: the 413 must reach the client every time, even though
    // the server refuses it before the client has finished sending (no reset that eats it).
    String oversized = "{\"inputs\":[" + " ".repeat(4 * BODY_LIMIT) + "]}";
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> big = rt.post("/v2/models/ctr/infer", oversized);
      assertEquals(413, big.statusCode());
      assertTrue(big.body().contains("exceeds the limit of " + BODY_LIMIT + " bytes"), big.body());
    }

    // the server is still healthy after all of that
    assertEquals(200, rt.post("/v2/models/ctr/infer", good).statusCode());
  }

  private void assertError(int status, String fragment, String body) throws Exception {
    assertError(status, fragment, body, "/v2/models/ctr/infer");
  }

  private void assertError(int status, String fragment, String body, String path) throws Exception {
    HttpResponse<String> r = rt.post(path, body);
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
    String error = RuntimeProcess.json(r.body()).get("error").asText();
    assertTrue(error.contains(fragment), "expected '" + fragment + "' in: " + error);
  }

  private void assertBinaryError(byte[] body, int headerLength, int status, String fragment)
      throws Exception {
    HttpResponse<byte[]> r =
        rt.client()
            .send(
                HttpRequest.newBuilder(rt.uri("/v2/models/ctr/infer"))
                    .header("Inference-Header-Content-Length", Integer.toString(headerLength))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertEquals(status, r.statusCode(), text);
    assertTrue(text.contains(fragment), "expected '" + fragment + "' in: " + text);
  }

  @Test
  void http10KeepAliveClientsGetAnExplicitKeepAlive() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", rt.uri("/").getPort())) {
      socket.setSoTimeout(5000);
      java.io.InputStream in = socket.getInputStream();
      for (int i = 0; i < 2; i++) {
        socket
            .getOutputStream()
            .write(
                "GET /v2/health/live HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[512];
        while (!got.toString().endsWith("{\"live\":true}")) {
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        String head = got.toString().toLowerCase();
        assertTrue(head.contains("connection: keep-alive"), head);
        assertTrue(head.endsWith("{\"live\":true}"), head);
      }
    }
  }

  @Test
  void metricsCarryModelAndVersionLabels() throws Exception {
    long[] ids = CtrRankerModel.sampleIds(3, 2);
    assertEquals(
        200,
        rt.post(
                "/v2/models/ctr/infer",
                CtrRequests.json(ids, CtrRankerModel.sampleDense(3, 2), false, ""))
            .statusCode());
    rt.post("/v2/models/ctr/infer", "{\"inputs\":[]}");
    HttpResponse<String> r = rt.get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    String text = r.body();
    String labels = "model=\"ctr\"";
    for (String name :
        new String[] {
          "modelops_runtime_requests_total{",
          "modelops_runtime_request_duration_seconds_bucket{",
          "modelops_runtime_inference_duration_seconds_bucket{device=\"cpu\"",
          "modelops_runtime_queue_wait_seconds_bucket{",
          "modelops_runtime_request_overhead_seconds_bucket{",
          "modelops_runtime_batch_size_rows_bucket{",
          "modelops_runtime_queue_depth{",
          "modelops_runtime_requests_in_flight{",
          "modelops_runtime_model_load_duration_seconds{",
          "modelops_runtime_model_loads_total{",
          "modelops_runtime_model_ready{",
          "modelops_runtime_model_info{device=\"cpu\"",
          "modelops_runtime_output_value_bucket{",
          "modelops_runtime_fault_active{",
        }) {
      assertTrue(
          text.lines()
              .anyMatch(
                  l -> l.startsWith(name) && l.contains(labels) && l.contains("version=\"3\"")),
          "missing " + name);
    }
    for (String code : new String[] {"200", "400"}) {
      assertTrue(
          text.lines()
              .anyMatch(
                  l ->
                      l.startsWith("modelops_runtime_request_duration_seconds_bucket{")
                          && l.contains("code=\"" + code + "\"")
                          && l.contains("le=\"5e-06\"")),
          "request duration series with code=" + code + " and the 5 µs bucket");
    }
    assertTrue(text.contains("le=\"10.0\""), "buckets up to 10 s");
    assertFalse(
        text.lines().anyMatch(l -> l.matches(".*[{,]le=\"[^\"]*E[^\"]*\".*")),
        "le values in canonical form");
    for (String name :
        new String[] {
          "jvm_memory_used_bytes{",
          "jvm_threads_live_threads{",
          "process_resident_memory_bytes{",
          "process_open_fds{",
          "process_cpu_usage{"
        }) {
      assertTrue(text.lines().anyMatch(l -> l.startsWith(name)), "missing " + name);
    }
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.startsWith("modelops_runtime_requests_total{")
                        && l.contains("outcome=\"client_error\"")
                        && l.contains("status=\"400\"")));
    assertTrue(text.contains("output=\"score\""));
    assertEquals(1.0, rt.metric("modelops_runtime_model_ready{"));
  }
}
