package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ExampleModels;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Model loading: file and HTTP sources, SHA-256 verification; a failure ends the process with exit
 * code 3 and a termination message (or, with RUNTIME_EXIT_ON_LOAD_FAILURE=false, leaves it live but
 * unready).
 */
class ModelLoadingIT {
  private final CtrRankerModel model = CtrRankerModel.forVersion("loading-it");

  private static Map<String, String> settings(Path dir, String uri, String sha) {
    Map<String, String> s = new HashMap<>();
    s.put("MODEL_NAME", "ctr");
    s.put("MODEL_URI", uri);
    s.put("MODEL_CACHE_DIR", dir.resolve("cache").toString());
    // these tests look at the live-but-not-ready state; the exit is tested below
    s.put("RUNTIME_EXIT_ON_LOAD_FAILURE", "false");
    if (sha != null) {
      s.put("MODEL_SHA256", sha);
    }
    return s;
  }

  @Test
  void shaMismatchIsLiveButNotReadyWithTheReasonEverywhere() throws Exception {
    Path dir = RuntimeProcess.workDir("sha");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    String wrong = "0".repeat(64);
    try (RuntimeProcess rt = RuntimeProcess.start(settings(dir, file.toUri().toString(), wrong))) {
      rt.awaitLog("model NOT ready");
      assertEquals(200, rt.get("/v2/health/live").statusCode());
      HttpResponse<String> ready = rt.get("/v2/health/ready");
      assertEquals(503, ready.statusCode());
      assertTrue(ready.body().contains("sha256 mismatch"), ready.body());
      HttpResponse<String> modelReady = rt.get("/v2/models/ctr/ready");
      assertEquals(503, modelReady.statusCode());
      JsonNode body = RuntimeProcess.json(modelReady.body());
      assertFalse(body.get("ready").asBoolean());
      String actual = ExampleModels.sha256Hex(Files.readAllBytes(file));
      assertTrue(body.get("reason").asText().contains("expected " + wrong + ", got " + actual));
      HttpResponse<String> infer =
          rt.post(
              "/v2/models/ctr/infer",
              CtrRequests.json(new long[] {1}, CtrRankerModel.sampleDense(1, 1), false, ""));
      assertEquals(503, infer.statusCode());
      assertTrue(infer.body().contains("is not ready: sha256 mismatch"), infer.body());
      assertEquals(503, rt.get("/v2/models/ctr").statusCode());
      assertEquals(0.0, rt.metric("modelops_runtime_model_ready{"));
      String metrics = rt.get("/metrics").body();
      assertTrue(
          metrics.contains(
              "modelops_runtime_model_loads_total{model=\"ctr\",reason=\"sha256_mismatch\","
                  + "result=\"failure\",version=\"1\"} 1.0"),
          metrics);
      assertTrue(rt.logs().contains("sha256 mismatch"));
    }
  }

  @Test
  void corruptFileWithMatchingShaIsNotReady() throws Exception {
    Path dir = RuntimeProcess.workDir("corrupt");
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    Path file = Files.write(dir.resolve("junk.onnx"), junk);
    try (RuntimeProcess rt =
        RuntimeProcess.start(settings(dir, file.toString(), ExampleModels.sha256Hex(junk)))) {
      rt.awaitLog("model NOT ready");
      assertEquals(200, rt.get("/v2/health/live").statusCode());
      HttpResponse<String> ready = rt.get("/v2/models/ctr/ready");
      assertEquals(503, ready.statusCode());
      assertTrue(ready.body().contains("ONNX Runtime could not load"), ready.body());
      assertTrue(rt.get("/metrics").body().contains("reason=\"invalid_model\""));
    }
  }

  @Test
  void missingFileIsNotReady() throws Exception {
    Path dir = RuntimeProcess.workDir("missing");
    try (RuntimeProcess rt =
        RuntimeProcess.start(settings(dir, "file://" + dir.resolve("none.onnx"), null))) {
      rt.awaitLog("model NOT ready");
      HttpResponse<String> ready = rt.get("/v2/health/ready");
      assertEquals(503, ready.statusCode());
      assertTrue(ready.body().contains("does not exist"), ready.body());
    }
  }

  @Test
  void downloadsOverHttpVerifiesAndServes() throws Exception {
    Path dir = RuntimeProcess.workDir("http");
    byte[] bytes = model.toBytes();
    AtomicInteger hits = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/models/ctr.onnx",
        ex -> {
          hits.incrementAndGet();
          ex.sendResponseHeaders(200, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.createContext(
        "/models/missing.onnx",
        ex -> {
          ex.sendResponseHeaders(404, -1);
          ex.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      try (RuntimeProcess rt =
          RuntimeProcess.start(
                  settings(dir, base + "/models/ctr.onnx", ExampleModels.sha256Hex(bytes)))
              .awaitReady()) {
        assertEquals(1, hits.get());
        assertTrue(Files.exists(dir.resolve("cache").resolve("ctr-1.onnx")));
        long[] ids = CtrRankerModel.sampleIds(3, 9);
        float[][] dense = CtrRankerModel.sampleDense(3, 9);
        HttpResponse<String> r =
            rt.post("/v2/models/ctr/infer", CtrRequests.json(ids, dense, false, ""));
        assertEquals(200, r.statusCode());
        CtrRequests.assertClose(
            model.score(ids, dense), CtrRequests.scores(RuntimeProcess.json(r.body())));
        assertTrue(
            rt.get("/metrics")
                .body()
                .contains("sha256=\"" + ExampleModels.sha256Hex(bytes) + "\""));
      }
      try (RuntimeProcess rt =
          RuntimeProcess.start(settings(dir, base + "/models/missing.onnx", null))) {
        rt.awaitLog("model NOT ready");
        HttpResponse<String> ready = rt.get("/v2/health/ready");
        assertTrue(ready.body().contains("HTTP 404"), ready.body());
        assertTrue(rt.get("/metrics").body().contains("reason=\"download_failed\""));
      }
      Path log = dir.resolve("termination-log");
      RuntimeProcess.Exited exited =
          RuntimeProcess.runToExit(
              exiting(dir, base + "/models/missing.onnx?token=secret", null, log));
      assertEquals(3, exited.code(), exited.output());
      assertEquals(
          "model load failed: downloading the model failed: HTTP 404 from "
              + base
              + "/models/missing.onnx",
          Files.readString(log));
    } finally {
      server.stop(0);
    }
  }

  /** Settings for a process that exits on a failed load, with its termination-message file. */
  private static Map<String, String> exiting(Path dir, String uri, String sha, Path messageFile) {
    Map<String, String> s = settings(dir, uri, sha);
    s.remove("RUNTIME_EXIT_ON_LOAD_FAILURE");
    s.put("RUNTIME_TERMINATION_MESSAGE_PATH", messageFile.toString());
    return s;
  }

  @Test
  void shaMismatchExitsWithCode3AndATerminationMessage() throws Exception {
    Path dir = RuntimeProcess.workDir("sha-exit");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    Path log = dir.resolve("termination-log");
    String wrong = "0".repeat(64);
    RuntimeProcess.Exited exited =
        RuntimeProcess.runToExit(exiting(dir, file.toUri().toString(), wrong, log));
    assertEquals(3, exited.code(), exited.output());
    String actual = ExampleModels.sha256Hex(Files.readAllBytes(file));
    String message = Files.readString(log);
    assertEquals(
        "model load failed: sha256 mismatch for "
            + file
            + ": expected "
            + wrong
            + ", got "
            + actual,
        message);
    assertTrue(exited.output().contains("model NOT ready (sha256_mismatch)"), exited.output());
  }

  @Test
  void missingFileExitsWithCode3AndATerminationMessage() throws Exception {
    Path dir = RuntimeProcess.workDir("missing-exit");
    Path log = dir.resolve("termination-log");
    Path none = dir.resolve("none.onnx");
    RuntimeProcess.Exited exited =
        RuntimeProcess.runToExit(exiting(dir, "file://" + none, null, log));
    assertEquals(3, exited.code(), exited.output());
    assertEquals(
        "model load failed: model file " + none + " does not exist", Files.readString(log));
  }

  @Test
  void unloadableModelExitsWithCode3EvenIfTheMessageCannotBeWritten() throws Exception {
    Path dir = RuntimeProcess.workDir("corrupt-exit");
    byte[] junk = new byte[4096];
    new Random(2).nextBytes(junk);
    Path file = Files.write(dir.resolve("junk.onnx"), junk);
    Path log = dir.resolve("no-such-dir").resolve("termination-log");
    RuntimeProcess.Exited exited =
        RuntimeProcess.runToExit(exiting(dir, file.toString(), ExampleModels.sha256Hex(junk), log));
    assertEquals(3, exited.code(), exited.output());
    assertTrue(exited.output().contains("cannot write the termination message"), exited.output());
    assertFalse(Files.exists(log));
  }

  @Test
  void badConfigurationExitsWithAMessage() throws Exception {
    RuntimeProcess.Exited noName = RuntimeProcess.runToExit(Map.of("MODEL_URI", "/m.onnx"));
    assertEquals(2, noName.code());
    assertTrue(noName.output().contains("MODEL_NAME is required"), noName.output());
    RuntimeProcess.Exited adminNoToken =
        RuntimeProcess.runToExit(
            Map.of("MODEL_NAME", "m", "MODEL_URI", "/m.onnx", "RUNTIME_ADMIN_ENABLED", "true"));
    assertEquals(2, adminNoToken.code());
    assertTrue(adminNoToken.output().contains("RUNTIME_ADMIN_TOKEN_FILE"), adminNoToken.output());
  }
}
