package io.modelops.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InferRequestDecoderTest {
  private static InferRequest json(String text) {
    return InferRequestDecoder.decode(text.getBytes(StandardCharsets.UTF_8), -1);
  }

  private static String error(String text) {
    ApiException e = assertThrows(ApiException.class, () -> json(text));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void decodesFlatAndNestedDataIdenticallyWithIdAndOutputs() {
    String flat =
        "{\"id\":\"r1\",\"inputs\":[{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[2,2],"
            + "\"data\":[1,2.5,-3,4e2]}],\"outputs\":[{\"name\":\"score\"}]}";
    String nested =
        "{\"inputs\":[{\"name\":\"dense\",\"shape\":[2,2],\"datatype\":\"FP32\","
            + "\"data\":[[1,2.5],[-3,4e2]]}],\"id\":\"r1\",\"outputs\":[{\"name\":\"score\"}]}";
    for (String body : new String[] {flat, nested}) {
      InferRequest r = json(body);
      assertEquals("r1", r.id());
      assertEquals(1, r.inputs().size());
      TensorData t = r.input("dense");
      assertEquals(Datatype.FP32, t.datatype());
      assertArrayEquals(new long[] {2, 2}, t.shape());
      assertEquals(2, t.rows());
      assertArrayEquals(new float[] {1, 2.5f, -3, 400}, floats(t.data()));
      assertEquals("score", r.outputs().get(0).name());
      assertNull(r.outputs().get(0).binary());
      assertFalse(r.binaryDataOutput());
    }
  }

  @Test
  void dataBeforeDatatypeAndShapeIsDecodedToo() {
    InferRequest r =
        json(
            "{\"inputs\":[{\"data\":[[7,-8,9]],\"name\":\"ids\",\"shape\":[1,3],"
                + "\"datatype\":\"INT64\"}]}");
    ByteBuffer b = r.input("ids").data();
    assertEquals(24, b.remaining());
    assertEquals(7, b.getLong(0));
    assertEquals(-8, b.getLong(8));
    assertEquals(9, b.getLong(16));
  }

  @Test
  void decodesEveryDatatype() {
    assertArrayEquals(new byte[] {1, 0, 1}, bytes(decodeOne("BOOL", "[true,false,true]", 3)));
    assertArrayEquals(new byte[] {-128, 0, 127}, bytes(decodeOne("INT8", "[-128,0,127]", 3)));
    assertArrayEquals(
        new byte[] {0, (byte) 200, (byte) 255}, bytes(decodeOne("UINT8", "[0,200,255]", 3)));
    ByteBuffer i16 = decodeOne("INT16", "[-32768,1,32767]", 3);
    assertEquals(-32768, i16.getShort(0));
    assertEquals(32767, i16.getShort(4));
    ByteBuffer i32 = decodeOne("INT32", "[-2147483648,5,2147483647]", 3);
    assertEquals(Integer.MIN_VALUE, i32.getInt(0));
    assertEquals(Integer.MAX_VALUE, i32.getInt(8));
    ByteBuffer i64 = decodeOne("INT64", "[-9223372036854775808,0,9223372036854775807]", 3);
    assertEquals(Long.MIN_VALUE, i64.getLong(0));
    assertEquals(Long.MAX_VALUE, i64.getLong(16));
    ByteBuffer f16 = decodeOne("FP16", "[1,-2,0.5]", 3);
    assertEquals((short) 0x3c00, f16.getShort(0));
    assertEquals((short) 0xc000, f16.getShort(2));
    assertEquals((short) 0x3800, f16.getShort(4));
    ByteBuffer f64 = decodeOne("FP64", "[1e300,-0.1,3]", 3);
    assertEquals(1e300, f64.getDouble(0));
    assertEquals(-0.1, f64.getDouble(8));
    ByteBuffer nan = decodeOne("FP32", "[NaN,\"Infinity\",\"-Infinity\"]", 3);
    assertTrue(Float.isNaN(nan.getFloat(0)));
    assertEquals(Float.POSITIVE_INFINITY, nan.getFloat(4));
    assertEquals(Float.NEGATIVE_INFINITY, nan.getFloat(8));
  }

  private static ByteBuffer decodeOne(String type, String data, int n) {
    return json("{\"inputs\":[{\"name\":\"x\",\"datatype\":\""
            + type
            + "\",\"shape\":["
            + n
            + "],\"data\":"
            + data
            + "}]}")
        .input("x")
        .data();
  }

  @Test
  void binaryInputsAndOutputFlags() throws Exception {
    String header =
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2],"
            + "\"parameters\":{\"binary_data_size\":8}},"
            + "{\"name\":\"b\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[42]},"
            + "{\"name\":\"c\",\"datatype\":\"INT8\",\"shape\":[3],"
            + "\"parameters\":{\"binary_data_size\":3}}],"
            + "\"outputs\":[{\"name\":\"o1\",\"parameters\":{\"binary_data\":false}},{\"name\":\"o2\"}],"
            + "\"parameters\":{\"binary_data_output\":true}}";
    ByteBuffer bin = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
    bin.putFloat(1.5f).putFloat(-2f).put((byte) 1).put((byte) -1).put((byte) 3);
    byte[] body = concat(header.getBytes(StandardCharsets.UTF_8), bin.array());
    InferRequest r = InferRequestDecoder.decode(body, header.length());
    assertArrayEquals(new float[] {1.5f, -2f}, floats(r.input("a").data()));
    assertEquals(42, r.input("b").data().getLong(0));
    assertArrayEquals(new byte[] {1, -1, 3}, bytes(r.input("c").data()));
    assertTrue(r.binaryDataOutput());
    assertEquals(Boolean.FALSE, r.outputs().get(0).binary());
    assertNull(r.outputs().get(1).binary());
  }

  @Test
  void binaryErrors() {
    String header =
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2],"
            + "\"parameters\":{\"binary_data_size\":8}}]}";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    assertTrue(binaryError(concat(h, new byte[5]), h.length).contains("binary section truncated"));
    assertTrue(binaryError(concat(h, new byte[12]), h.length).contains("4 bytes that no input"));
    assertTrue(
        binaryError(concat(h, new byte[8]), h.length + 100)
            .contains("Inference-Header-Content-Length " + (h.length + 100) + " is larger"));
    assertTrue(binaryError(h, -1).contains("no Inference-Header-Content-Length"));
    String wrongSize = header.replace("\"binary_data_size\":8", "\"binary_data_size\":6");
    byte[] w = wrongSize.getBytes(StandardCharsets.UTF_8);
    assertTrue(
        binaryError(concat(w, new byte[6]), w.length)
            .contains("binary_data_size 6 does not match shape [2] of FP32 (8 bytes)"));
  }

  private static String binaryError(byte[] body, int headerLength) {
    ApiException e =
        assertThrows(ApiException.class, () -> InferRequestDecoder.decode(body, headerLength));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void everyClientMistakeNamesTheProblem() {
    String ok = "\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2]";
    assertContains(
        error("{\"inputs\":[{" + ok + ",\"data\":[1,2,3]}]}"), "needs 2 elements but 'data' has 3");
    assertContains(
        error("{\"inputs\":[{" + ok + ",\"data\":[1]}]}"), "needs 2 elements but 'data' has 1");
    assertContains(
        error("{\"inputs\":[{" + ok + ",\"data\":[1,\"abc\"]}]}"),
        "element 1 is \"abc\", expected a number");
    assertContains(error("{\"inputs\":[{" + ok + ",\"data\":[1,null]}]}"), "element 1 is null");
    assertContains(error("{\"inputs\":[{" + ok + ",\"data\":[1,{}]}]}"), "element 1 is an object");
    assertContains(error("{\"inputs\":[{" + ok + "}]}"), "input 'x' has no 'data'");
    assertContains(error("{\"inputs\":[{" + ok + ",\"data\":5}]}"), "'data' must be an array");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"data\":[1]}]}"), "has no 'datatype'");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"data\":[1]}]}"),
        "has no 'shape'");
    assertContains(
        error("{\"inputs\":[{\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}"),
        "has no 'name'");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"STRING\",\"shape\":[1],\"data\":[1]}]}"),
        "unsupported datatype 'STRING'");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1],\"data\":[1]}]}"),
        "shape dimensions must be >= 0");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1.5],\"data\":[1]}]}"),
        "'shape' must be an array of integers");
    assertContains(
        error(
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT32\",\"shape\":[1],\"data\":[1.5]}]}"),
        "expected an integer");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT8\",\"shape\":[1],\"data\":[300]}]}"),
        "(300) is out of range [-128, 127]");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"UINT8\",\"shape\":[1],\"data\":[-1]}]}"),
        "out of range [0, 255]");
    assertContains(
        error(
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[99999999999999999999]}]}"),
        "out of range");
    assertContains(
        error("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"BOOL\",\"shape\":[1],\"data\":[1]}]}"),
        "expected a boolean");
    assertContains(
        error("{\"inputs\":[{" + ok + ",\"data\":[1,2]},{" + ok + ",\"data\":[1,2]}]}"),
        "input 'x' appears twice");
    assertContains(
        error(
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[100000000],\"data\":[1]}]}"),
        "too small to hold them");
    assertContains(
        error(
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[4294967296,4294967296],\"data\":[1]}]}"),
        "is too large");
    assertContains(error("{\"inputs\":[]}"), "request has no 'inputs'");
    assertContains(error("{}"), "request has no 'inputs'");
    assertContains(error("[1,2]"), "must be a JSON object");
    assertContains(error("{\"inputs\":[{" + ok + ",\"data\":[1,2]}]"), "malformed JSON");
    assertContains(error("{\"inputs\":[{" + ok + ",\"data\":[1,2]}]} x"), "malformed JSON");
    assertContains(error("{\"inputs\" [}"), "malformed JSON");
    assertContains(error("{\"id\":5,\"inputs\":[]}"), "'id' must be a string");
    assertContains(
        error(
            "{\"inputs\":[{"
                + ok
                + ",\"data\":[1,2]}],\"outputs\":[{\"name\":\"a\"},{\"name\":\"a\"}]}"),
        "requested twice");
    ApiException empty =
        assertThrows(ApiException.class, () -> InferRequestDecoder.decode(new byte[0], -1));
    assertContains(empty.getMessage(), "empty request body");
  }

  @Test
  void malformedJsonErrorsDoNotEchoTheRequest() {
    String msg = error("{\"inputs\":[{\"name\":\"secret-value-123\",\"datatype\":FP32}]}");
    assertContains(msg, "malformed JSON");
    assertFalse(msg.contains("secret-value-123"), msg);
  }

  private static void assertContains(String actual, String expected) {
    assertTrue(actual.contains(expected), "expected '" + expected + "' in: " + actual);
  }

  static float[] floats(ByteBuffer b) {
    ByteBuffer d = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[d.remaining() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.getFloat();
    }
    return out;
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
