package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ExampleModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official V2 clients as conformance checks: tritonclient.http (JSON tensors, binary tensors)
 * and KServe's InferenceRESTClient (JSON, binary) each run real inferences against the runtime
 * process serving the example CTR model, through the scripts in {@code src/test/python}; their
 * scores must match ONNX Runtime run in this JVM on the same model file and rows within 1e-6, and
 * their health, readiness and metadata calls must succeed. The clients are installed into a venv
 * from pinned versions on first use ({@link V2ClientsVenv}); a failed install fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialV2ClientsIT {
  private static final String VERSION = "2026-11-13";
  private static final double TOLERANCE = 1e-6;
  private static final long[] EDGE_IDS = {Long.MIN_VALUE, -1, 0, 1023, 1024, Long.MAX_VALUE};

  private Path python;
  private Path caseFile;
  private RuntimeProcess rt;
  private long[] ids;
  private float[][] dense;
  private float[] reference;

  @BeforeAll
  void start() throws Exception {
    python = V2ClientsVenv.ensure();
    Path model = Path.of("../examples/models", ExampleModels.fileName(VERSION)).toAbsolutePath();
    byte[] bytes = Files.readAllBytes(model);
    Path dir = RuntimeProcess.workDir("v2-clients");

    int rows = 16;
    ids = CtrRankerModel.sampleIds(rows, 2026);
    System.arraycopy(EDGE_IDS, 0, ids, 0, EDGE_IDS.length);
    dense = CtrRankerModel.sampleDense(rows, 2026);
    reference = ortForwardPass(bytes, ids, dense);
    // the committed model is the generated one, so the plain-Java forward pass agrees too
    CtrRequests.assertClose(CtrRankerModel.forVersion(VERSION).score(ids, dense), reference);

    caseFile = dir.resolve("case.json");
    Files.writeString(caseFile, caseJson(ids, dense), StandardCharsets.UTF_8);

    rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME", "ctr",
                    "MODEL_URI", model.toUri().toString(),
                    "MODEL_SHA256", ExampleModels.sha256Hex(bytes),
                    "MODEL_CACHE_DIR", dir.resolve("cache").toString()))
            .awaitReady();
  }

  @AfterAll
  void stop() {
    if (rt != null) {
      rt.close();
    }
  }

  @Test
  void tritonclientHttpWithJsonTensors() throws Exception {
    JsonNode r = runClient("triton_http_check.py", "--json");
    assertTritonReport(r, "json");
    assertFalse(r.at("/outputs/score/binary").asBoolean(), "JSON output asked for: " + r);
  }

  @Test
  void tritonclientHttpWithBinaryTensors() throws Exception {
    JsonNode r = runClient("triton_http_check.py", "--binary");
    assertTritonReport(r, "binary");
    assertTrue(r.at("/outputs/score/binary").asBoolean(), "binary output asked for: " + r);
  }

  @Test
  void kserveRestClientWithJsonTensors() throws Exception {
    JsonNode r = runClient("kserve_rest_check.py", "--json");
    assertCommon(r, "kserve-json");
    assertEquals("application/json", r.get("response_content_type").asText(), r.toString());
    assertTrue(r.get("response_binary_header").isNull(), r.toString());
  }

  @Test
  void kserveRestClientWithBinaryTensors() throws Exception {
    JsonNode r = runClient("kserve_rest_check.py", "--binary");
    assertCommon(r, "kserve-binary");
    assertEquals("application/octet-stream", r.get("response_content_type").asText(), r.toString());
    assertTrue(r.get("response_binary_header").asInt() > 0, r.toString());
  }

  private void assertTritonReport(JsonNode r, String mode) throws Exception {
    assertCommon(r, "triton-" + mode);
    JsonNode server = r.get("server_metadata");
    assertEquals("modelops-inference-runtime", server.get("name").asText());
    assertEquals("[\"binary_tensor_data\"]", server.get("extensions").toString());
    // the client's view of the metadata is exactly the server's document
    JsonNode served = RuntimeProcess.json(rt.get("/v2/models/ctr").body());
    assertEquals(served, r.get("model_metadata"));
    assertEquals(served, r.get("versioned_model_metadata"));
    assertEquals("ctr", served.get("name").asText());
    assertEquals("[\"1\"]", served.get("versions").toString());
    assertEquals(
        "[{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[-1]},"
            + "{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[-1,8]}]",
        served.get("inputs").toString());
    assertEquals(
        "[{\"name\":\"score\",\"datatype\":\"FP32\",\"shape\":[-1,1]}]",
        served.get("outputs").toString());
    assertTrue(r.get("versioned_model_ready").asBoolean(), r.toString());
    assertFalse(r.get("unknown_version_ready").asBoolean(), r.toString());
    for (String algorithm : new String[] {"gzip", "deflate"}) {
      assertScores(r.at("/compressed/" + algorithm), "triton-" + mode + " " + algorithm);
    }
  }

  private void assertCommon(JsonNode r, String id) {
    assertTrue(r.get("server_live").asBoolean(), r.toString());
    assertTrue(r.get("server_ready").asBoolean(), r.toString());
    assertTrue(r.get("model_ready").asBoolean(), r.toString());
    assertEquals(id, r.get("response_id").asText(), r.toString());
    assertEquals("ctr", r.get("response_model_name").asText(), r.toString());
    JsonNode score = r.at("/outputs/score");
    assertEquals("FP32", score.get("datatype").asText());
    assertEquals("float32", score.get("numpy_dtype").asText());
    assertEquals("[" + ids.length + ",1]", score.get("shape").toString());
    assertScores(score.get("data"), id);
    JsonNode error = r.get("error");
    assertNotNull(error, r.toString());
    assertEquals("400", error.get("status").asText(), r.toString());
    assertTrue(
        error.get("message").asText().startsWith("unknown input 'no_such_input'"),
        "the client shows the server's error message: " + error);
  }

  private void assertScores(JsonNode data, String what) {
    assertEquals(reference.length, data.size(), what + ": " + data);
    for (int i = 0; i < reference.length; i++) {
      double got = data.get(i).asDouble();
      if (Math.abs(got - reference[i]) > TOLERANCE) {
        throw new AssertionError(
            what
                + ": score "
                + i
                + " (id "
                + ids[i]
                + ") is "
                + got
                + ", ORT says "
                + reference[i]);
      }
    }
  }

  /** Runs one client script as a real process and returns the JSON it printed. */
  private JsonNode runClient(String script, String mode) throws Exception {
    Path out = Files.createTempFile(caseFile.getParent(), "out-", ".json");
    Path err = Files.createTempFile(caseFile.getParent(), "err-", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(python.toString());
    cmd.add(script);
    cmd.add(rt.uri("/").toString().replaceAll("/$", ""));
    cmd.add(caseFile.toString());
    cmd.add(mode);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(V2ClientsVenv.SCRIPTS.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in src/test/python
    pb.environment().remove("PYTHONPATH");
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish in 60 s");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(
          String.join(" ", cmd)
              + " exited "
              + p.exitValue()
              + ":\n"
              + stderr
              + "\nruntime log:\n"
              + rt.logs());
    }
    return RuntimeProcess.json(Files.readString(out, StandardCharsets.UTF_8));
  }

  private static float[] ortForwardPass(byte[] model, long[] ids, float[][] dense)
      throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model);
        OnnxTensor idTensor = OnnxTensor.createTensor(env, ids);
        OnnxTensor denseTensor = OnnxTensor.createTensor(env, dense);
        OrtSession.Result result =
            session.run(
                Map.of(CtrRankerModel.ITEM_IDS, idTensor, CtrRankerModel.DENSE, denseTensor))) {
      float[][] scores = (float[][]) result.get(CtrRankerModel.SCORE).orElseThrow().getValue();
      float[] flat = new float[scores.length];
      for (int i = 0; i < scores.length; i++) {
        flat[i] = scores[i][0];
      }
      return flat;
    }
  }

  /** The rows as the scripts' case file; floats written as exact doubles, ids as exact longs. */
  private static String caseJson(long[] ids, float[][] dense) {
    ObjectNode c = RuntimeProcess.JSON.createObjectNode();
    c.put("model", "ctr");
    ArrayNode inputs = c.putArray("inputs");
    ObjectNode idInput = inputs.addObject();
    idInput.put("name", CtrRankerModel.ITEM_IDS).put("datatype", "INT64");
    idInput.putArray("shape").add(ids.length);
    ArrayNode idData = idInput.putArray("data");
    for (long id : ids) {
      idData.add(id);
    }
    ObjectNode denseInput = inputs.addObject();
    denseInput.put("name", CtrRankerModel.DENSE).put("datatype", "FP32");
    denseInput.putArray("shape").add(dense.length).add(CtrRankerModel.DENSE_DIM);
    ArrayNode denseData = denseInput.putArray("data");
    for (float[] row : dense) {
      for (float v : row) {
        denseData.add((double) v);
      }
    }
    c.putArray("outputs").add(CtrRankerModel.SCORE);
    return c.toString();
  }
}
