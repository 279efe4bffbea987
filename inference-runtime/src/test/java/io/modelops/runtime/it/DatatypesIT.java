package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.runtime.testmodels.DatatypesModel;
import io.modelops.runtime.testmodels.TestDatatype;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** BOOL, INT8/16/32/64, UINT8, FP16, FP32, FP64 through JSON and binary tensors, exactly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatatypesIT {
  private static final int ROWS = 4;
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final Map<TestDatatype, byte[]> inputs = DatatypesModel.sampleInputs(ROWS, 42);
  private RuntimeProcess rt;

  @BeforeAll
  void start() throws Exception {
    Path dir = RuntimeProcess.workDir("datatypes");
    Path file = DatatypesModel.writeTo(dir.resolve("datatypes.onnx"));
    rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME", "types", "MODEL_URI", file.toString(), "RUNTIME_DEVICE", "cuda"))
            .awaitReady();
  }

  @AfterAll
  void stop() {
    rt.close();
  }

  @Test
  void cudaRequestFallsBackToCpuWithAWarningAndTheDeviceLabel() throws Exception {
    boolean cuda =
        ai.onnxruntime.OrtEnvironment.getAvailableProviders()
            .contains(ai.onnxruntime.OrtProvider.CUDA);
    String device = cuda ? "cuda" : "cpu";
    String metrics = rt.get("/metrics").body();
    assertTrue(metrics.contains("modelops_runtime_model_info{device=\"" + device + "\""), metrics);
    if (!cuda) {
      assertTrue(rt.logs().contains("has no CUDA execution provider"), rt.logs());
      assertTrue(rt.logs().contains("serving on CPU"), rt.logs());
    }
  }

  @Test
  void metadataListsEveryDatatype() throws Exception {
    JsonNode meta = RuntimeProcess.json(rt.get("/v2/models/types").body());
    Map<String, String> types = new HashMap<>();
    meta.get("inputs").forEach(n -> types.put(n.get("name").asText(), n.get("datatype").asText()));
    for (TestDatatype t : TestDatatype.values()) {
      assertEquals(t.v2Name(), types.get(t.inputName()), t.inputName());
    }
  }

  @Test
  void jsonRoundTripIsExact() throws Exception {
    StringBuilder b = new StringBuilder("{\"inputs\":[");
    boolean first = true;
    for (TestDatatype t : TestDatatype.values()) {
      b.append(first ? "" : ",")
          .append("{\"name\":\"")
          .append(t.inputName())
          .append("\",\"datatype\":\"")
          .append(t.v2Name())
          .append("\",\"shape\":[")
          .append(ROWS)
          .append(",")
          .append(DatatypesModel.COLUMNS)
          .append("],\"data\":")
          .append(jsonValues(t, inputs.get(t)))
          .append("}");
      first = false;
    }
    b.append("]}");
    HttpResponse<String> r = rt.post("/v2/models/types/infer", b.toString());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode outputs = EXACT.readTree(r.body()).get("outputs");
    Map<String, JsonNode> byName = new HashMap<>();
    outputs.forEach(o -> byName.put(o.get("name").asText(), o));
    for (TestDatatype t : TestDatatype.values()) {
      JsonNode o = byName.get(t.outputName());
      assertEquals(t.v2Name(), o.get("datatype").asText());
      assertEquals("[" + ROWS + "," + DatatypesModel.COLUMNS + "]", o.get("shape").toString());
      assertArrayEquals(inputs.get(t), bytesOf(t, o.get("data")), t.name());
    }
    double[] expected = DatatypesModel.combined(inputs, ROWS);
    JsonNode combined = byName.get(DatatypesModel.COMBINED).get("data");
    double[] actual = new double[combined.size()];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = Double.parseDouble(combined.get(i).asText());
    }
    assertArrayEquals(expected, actual);
  }

  @Test
  void binaryRoundTripIsExact() throws Exception {
    StringBuilder h = new StringBuilder("{\"inputs\":[");
    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    boolean first = true;
    for (TestDatatype t : TestDatatype.values()) {
      byte[] data = inputs.get(t);
      h.append(first ? "" : ",")
          .append("{\"name\":\"")
          .append(t.inputName())
          .append("\",\"datatype\":\"")
          .append(t.v2Name())
          .append("\",\"shape\":[")
          .append(ROWS)
          .append(",2],\"parameters\":{\"binary_data_size\":")
          .append(data.length)
          .append("}}");
      bin.writeBytes(data);
      first = false;
    }
    h.append("],\"parameters\":{\"binary_data_output\":true}}");
    byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(header);
    body.writeBytes(bin.toByteArray());
    HttpResponse<byte[]> r =
        rt.postBytes(
            "/v2/models/types/infer",
            body.toByteArray(),
            "Inference-Header-Content-Length",
            Integer.toString(header.length));
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    int len =
        Integer.parseInt(r.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
    JsonNode outputs =
        RuntimeProcess.json(new String(r.body(), 0, len, StandardCharsets.UTF_8)).get("outputs");
    int offset = len;
    Map<String, byte[]> got = new HashMap<>();
    for (JsonNode o : outputs) {
      int size = o.get("parameters").get("binary_data_size").asInt();
      got.put(o.get("name").asText(), Arrays.copyOfRange(r.body(), offset, offset + size));
      offset += size;
    }
    assertEquals(r.body().length, offset);
    for (TestDatatype t : TestDatatype.values()) {
      assertArrayEquals(inputs.get(t), got.get(t.outputName()), t.name());
    }
    ByteBuffer combined =
        ByteBuffer.wrap(got.get(DatatypesModel.COMBINED)).order(ByteOrder.LITTLE_ENDIAN);
    double[] actual = new double[ROWS * 2];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = combined.getDouble();
    }
    assertArrayEquals(DatatypesModel.combined(inputs, ROWS), actual);
  }

  /** Exact JSON text for little-endian tensor bytes. */
  private static String jsonValues(TestDatatype t, byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder s = new StringBuilder("[");
    int n = data.length / t.byteSize();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ",");
      switch (t) {
        case BOOL -> s.append(b.get() != 0);
        case INT8 -> s.append(b.get());
        case UINT8 -> s.append(b.get() & 0xff);
        case INT16 -> s.append(b.getShort());
        case INT32 -> s.append(b.getInt());
        case INT64 -> s.append(b.getLong());
        case FP16 -> s.append(TestDatatype.halfToFloat(b.getShort()));
        case FP32 -> s.append(b.getFloat());
        case FP64 -> s.append(b.getDouble());
      }
    }
    return s.append("]").toString();
  }

  /** Little-endian bytes of a JSON data array. */
  private static byte[] bytesOf(TestDatatype t, JsonNode data) {
    ByteBuffer b = ByteBuffer.allocate(data.size() * t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (JsonNode v : data) {
      String text = v.asText();
      switch (t) {
        case BOOL -> b.put((byte) (v.asBoolean() ? 1 : 0));
        case INT8, UINT8 -> b.put((byte) Integer.parseInt(text));
        case INT16 -> b.putShort((short) Integer.parseInt(text));
        case INT32 -> b.putInt(Integer.parseInt(text));
        case INT64 -> b.putLong(Long.parseLong(text));
        case FP16 ->
            b.putShort(io.modelops.runtime.protocol.Fp16.fromFloat(Float.parseFloat(text)));
        case FP32 -> b.putFloat(Float.parseFloat(text));
        case FP64 -> b.putDouble(Double.parseDouble(text));
      }
    }
    return b.array();
  }
}
