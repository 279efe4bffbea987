package io.modelops.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.model.ModelSignature;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.protocol.ApiException;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.InferRequest;
import io.modelops.runtime.protocol.InferRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
  private static final ModelSignature CTR =
      new ModelSignature(
          List.of(
              new TensorSpec("item_ids", Datatype.INT64, new long[] {-1}, new String[] {"N"}),
              new TensorSpec("dense", Datatype.FP32, new long[] {-1, 8}, new String[] {"N", ""})),
          List.of(
              new TensorSpec("score", Datatype.FP32, new long[] {-1, 1}),
              new TensorSpec("logit", Datatype.FP32, new long[] {-1, 1})));

  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private final RequestValidator.QualitySink sink =
      new RequestValidator.QualitySink() {
        @Override
        public void nonFinite(String input, String kind, long count) {
          seen.merge("nonfinite:" + input + ":" + kind, count, Long::sum);
        }

        @Override
        public void rowsRejected(String reason, long rows) {
          seen.merge("rejected:" + reason, rows, Long::sum);
        }
      };

  private static InferRequest request(String ids, String dense, String extra) {
    String body =
        "{\"inputs\":["
            + ids
            + (ids.isEmpty() || dense.isEmpty() ? "" : ",")
            + dense
            + "]"
            + extra
            + "}";
    return InferRequestDecoder.decode(body.getBytes(StandardCharsets.UTF_8), -1);
  }

  private static String ids(int n) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      v.add(Integer.toString(i));
    }
    return "{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":["
        + n
        + "],\"data\":"
        + v
        + "}";
  }

  private static String dense(int rows, int cols, String type, String value) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < rows * cols; i++) {
      v.add(value);
    }
    return "{\"name\":\"dense\",\"datatype\":\""
        + type
        + "\",\"shape\":["
        + rows
        + ","
        + cols
        + "],\"data\":"
        + v
        + "}";
  }

  private String error(RequestValidator v, InferRequest r) {
    ApiException e = assertThrows(ApiException.class, () -> v.prepare(r));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void ordersInputsLikeTheModelAndDefaultsToAllOutputs() {
    RequestValidator v = new RequestValidator(CTR, false, true, sink);
    PreparedRequest p = v.prepare(request(dense(3, 8, "FP32", "0.5"), ids(3), ""));
    assertEquals("item_ids", p.inputs()[0].name());
    assertEquals("dense", p.inputs()[1].name());
    assertEquals(3, p.rows());
    assertTrue(p.batchable());
    assertEquals(2, p.outputs().length);
    assertArrayEquals(new boolean[] {false, false}, p.binary());
  }

  @Test
  void requestedOutputsAndBinaryFlags() {
    RequestValidator v = new RequestValidator(CTR, false, false, sink);
    PreparedRequest p =
        v.prepare(
            request(
                ids(1),
                dense(1, 8, "FP32", "1"),
                ",\"outputs\":[{\"name\":\"logit\",\"parameters\":{\"binary_data\":true}}]"));
    assertEquals(1, p.outputs().length);
    assertEquals("logit", p.outputs()[0].name());
    assertTrue(p.binary()[0]);
    assertFalse(p.batchable(), "batching is off");
    PreparedRequest all =
        v.prepare(
            request(
                ids(1), dense(1, 8, "FP32", "1"), ",\"parameters\":{\"binary_data_output\":true}"));
    assertArrayEquals(new boolean[] {true, true}, all.binary());
  }

  @Test
  void mismatchesNameTheInput() {
    RequestValidator v = new RequestValidator(CTR, false, true, sink);
    assertTrue(
        error(v, request(ids(2), dense(2, 7, "FP32", "1"), ""))
            .contains("input 'dense': shape [2,7] does not match the model's [-1,8]"));
    assertTrue(
        error(v, request(ids(2), dense(2, 8, "FP64", "1"), ""))
            .contains("input 'dense': datatype FP64 does not match the model's FP32"));
    assertTrue(error(v, request(ids(2), "", "")).contains("missing input 'dense'"));
    String unknown =
        error(
            v,
            request(
                ids(1),
                dense(1, 8, "FP32", "1")
                    + ",{\"name\":\"extra\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}",
                ""));
    assertTrue(unknown.contains("unknown input 'extra'; the model's inputs are [item_ids, dense]"));
    assertTrue(
        error(v, request(ids(1), dense(1, 8, "FP32", "1"), ",\"outputs\":[{\"name\":\"nope\"}]"))
            .contains("unknown output 'nope'"));
    assertTrue(seen.get("rejected:invalid") >= 3);
  }

  @Test
  void nonFiniteValuesAreCountedAndRejectedUnlessAllowed() {
    RequestValidator strict = new RequestValidator(CTR, false, true, sink);
    String msg = error(strict, request(ids(2), dense(2, 8, "FP32", "NaN"), ""));
    assertTrue(msg.contains("input 'dense' contains 16 NaN and 0 infinite values"), msg);
    assertEquals(16L, seen.get("nonfinite:dense:nan"));
    assertEquals(2L, seen.get("rejected:nonfinite"));

    RequestValidator lenient = new RequestValidator(CTR, true, true, sink);
    PreparedRequest p = lenient.prepare(request(ids(1), dense(1, 8, "FP32", "\"Infinity\""), ""));
    assertEquals(1, p.rows());
    assertEquals(8L, seen.get("nonfinite:dense:inf"));
  }

  @Test
  void oneNonFiniteValueAmongFiniteOnesIsFoundInFp32AndFp64() {
    RequestValidator strict = new RequestValidator(CTR, false, true, sink);
    String dense = dense(2, 8, "FP32", "0.25").replaceFirst("0\\.25", "\"-Infinity\"");
    String msg = error(strict, request(ids(2), dense, ""));
    assertTrue(msg.contains("input 'dense' contains 0 NaN and 1 infinite values"), msg);

    ModelSignature fp64 =
        new ModelSignature(
            List.of(new TensorSpec("x", Datatype.FP64, new long[] {-1})),
            List.of(new TensorSpec("y", Datatype.FP64, new long[] {-1})));
    RequestValidator v = new RequestValidator(fp64, false, true, sink);
    String x = "{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[4],\"data\":[1.5,-2,%s,0]}";
    msg = error(v, request(String.format(x, "NaN"), "", ""));
    assertTrue(msg.contains("input 'x' contains 1 NaN and 0 infinite values"), msg);
    assertEquals(4, v.prepare(request(String.format(x, "1e300"), "", "")).rows());
  }

  @Test
  void inputsSharingASymbolicDimensionMustAgree() {
    RequestValidator v = new RequestValidator(CTR, false, true, sink);
    String msg = error(v, request(ids(3), dense(2, 8, "FP32", "1"), ""));
    assertTrue(
        msg.contains("inputs disagree on dimension 'N': 'item_ids' has 3, 'dense' has 2"), msg);
  }

  @Test
  void differingRowCountsWithoutSharedNamesAreNotBatchable() {
    ModelSignature unnamed =
        new ModelSignature(
            List.of(
                new TensorSpec("item_ids", Datatype.INT64, new long[] {-1}),
                new TensorSpec("dense", Datatype.FP32, new long[] {-1, 8})),
            CTR.outputs());
    RequestValidator v = new RequestValidator(unnamed, false, true, sink);
    PreparedRequest p = v.prepare(request(ids(3), dense(2, 8, "FP32", "1"), ""));
    assertFalse(p.batchable());
  }

  @Test
  void limitsFollowTheSignature() {
    var limits = new RequestValidator(CTR, false, true, sink).limits(1234);
    assertEquals(2, limits.maxInputs());
    assertEquals(2, limits.maxOutputs());
    assertEquals(1234, limits.maxInputBytes());
    assertEquals("[item_ids, dense]", limits.inputNames());
  }
}
