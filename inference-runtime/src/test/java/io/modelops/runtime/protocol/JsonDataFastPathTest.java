package io.modelops.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON fast path ({@link DataArrays}, {@link FlatNumbers}): the same bits as Jackson's {@code
 * getDoubleValue} for every number, and every request it cannot take (or that is wrong) decoded or
 * rejected exactly as by the plain parser.
 */
class JsonDataFastPathTest {

  /** Number texts that stress rounding, signs, exponents and the fallback to Double.parseDouble. */
  private static List<String> numberTexts() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "0",
                "-0",
                "0.0",
                "-0.0",
                "1",
                "-1",
                "0.1",
                "-0.1",
                "1e5",
                "1E-7",
                "-2.5e+3",
                "123456789012345",
                "1234567890123456",
                "12345678901234567890",
                "9007199254740993",
                "1.7976931348623157e308",
                "4.9e-324",
                "2.5e-45",
                "1.4e-45",
                "3.4028235e38",
                "3.4028236e38",
                "0.30000000000000004",
                "1.00000005960464477539062499",
                "1.000000059604644775390625",
                "0.000000000000000000000000000001",
                "1e22",
                "1e23",
                "9.999999999999999e22",
                "123.456e-10",
                "7.038531e-26",
                "8.589973e9",
                "1e-22",
                "33554431",
                "16777217",
                "0.5e0"));
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      float f = Float.intBitsToFloat(random.nextInt());
      if (Float.isFinite(f)) {
        texts.add(Float.toString(f));
      }
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(d)) {
        texts.add(Double.toString(d));
      }
      texts.add(Float.toString((float) random.nextGaussian()));
      texts.add(Long.toString(random.nextInt(2_000_000) - 1_000_000));
    }
    return texts;
  }

  private static double jackson(String text) throws Exception {
    try (JsonParser p = Json.FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      assertTrue(t.isNumeric(), text);
      return p.getDoubleValue();
    }
  }

  private static byte[] request(String datatype, String shape, String data) {
    return ("{\"inputs\":[{\"name\":\"x\",\"datatype\":\""
            + datatype
            + "\",\"shape\":"
            + shape
            + ",\"data\":"
            + data
            + "}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static ByteBuffer decodeData(byte[] body) {
    return InferRequestDecoder.decode(body, -1).inputs().get(0).data();
  }

  @Test
  void floatsAndDoublesHaveJacksonsBits() throws Exception {
    List<String> texts = numberTexts();
    String data = "[" + String.join(", ", texts) + "]";
    byte[] fp32 = request("FP32", "[" + texts.size() + "]", data);
    byte[] fp64 = request("FP64", "[" + texts.size() + "]", data);
    assertNotNull(
        DataArrays.find(fp32, fp32.length, 100, 1 << 20), "the fast path takes this request");
    ByteBuffer f = decodeData(fp32);
    ByteBuffer d = decodeData(fp64);
    for (String text : texts) {
      double expected = jackson(text);
      assertEquals(
          Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(d.getDouble()), text);
      assertEquals(
          Float.floatToRawIntBits((float) expected), Float.floatToRawIntBits(f.getFloat()), text);
    }
  }

  @Test
  void sameBytesAsTheNestedFormWhichJacksonDecodes() {
    // nested arrays are never cut, so the plain parser decodes the second request
    // integers first: they are held as longs until 0.1 arrives, then turned into doubles
    byte[] flat = request("FP32", "[2,3]", "[16777217,-0,0.1,-0.0,3e-45,1.5]");
    byte[] nested = request("FP32", "[2,3]", "[[16777217,-0,0.1],[-0.0,3e-45,1.5]]");
    assertNotNull(DataArrays.find(flat, flat.length, 100, 1 << 20));
    assertNull(DataArrays.find(nested, nested.length, 100, 1 << 20));
    assertEquals(decodeData(nested), decodeData(flat));
    for (String[] typed :
        new String[][] {
          {"FP16", "[1,-0.5,65504,1e-8,-0,3.14159]"},
          {"INT8", "[-128,127,0,-0,5,-5]"},
          {"UINT8", "[0,255,1,2,3,4]"},
          {"INT16", "[-32768,32767,0,1,-1,2]"},
          {"INT32", "[-2147483648,2147483647,0,1,-1,2]"}
        }) {
      String rows = typed[1].substring(1, typed[1].length() - 1);
      String[] v = rows.split(",");
      byte[] one = request(typed[0], "[2,3]", typed[1]);
      byte[] two =
          request(
              typed[0],
              "[2,3]",
              "[["
                  + String.join(",", Arrays.copyOf(v, 3))
                  + "],["
                  + String.join(",", Arrays.copyOfRange(v, 3, 6))
                  + "]]");
      DataArrays cut = DataArrays.find(one, one.length, 100, 100);
      assertNotNull(cut.tensor(0, Datatype.valueOf(typed[0]), 6), typed[0]);
      assertEquals(decodeData(two), decodeData(one), typed[0]);
    }
    for (String[] outOfRange :
        new String[][] {{"INT8", "[128]"}, {"UINT8", "[-1]"}, {"INT16", "[32768]"}}) {
      byte[] body = request(outOfRange[0], "[1]", outOfRange[1]);
      assertNull(
          DataArrays.find(body, body.length, 100, 100)
              .tensor(0, Datatype.valueOf(outOfRange[0]), 1));
      assertTrue(
          assertThrows(ApiException.class, () -> decodeData(body))
              .getMessage()
              .contains("out of range"),
          outOfRange[0]);
    }
  }

  @Test
  void integersExactlyAndLargeOnesThroughJackson() {
    byte[] body =
        request("INT64", "[5]", "[0, -0, 123456789012345, 9007199254740993, -9223372036854775808]");
    ByteBuffer b = decodeData(body);
    long[] got = new long[5];
    for (int i = 0; i < 5; i++) {
      got[i] = b.getLong();
    }
    assertArrayEquals(new long[] {0, 0, 123456789012345L, 9007199254740993L, Long.MIN_VALUE}, got);
    byte[] longs =
        request(
            "INT64",
            "[6]",
            "[0,-0,9007199254740993,-999999999999999,9223372036854775807,-9223372036854775808]");
    DataArrays cut = DataArrays.find(longs, longs.length, 100, 1 << 20);
    assertNotNull(cut);
    ByteBuffer fast = cut.tensor(0, Datatype.INT64, 6);
    assertNotNull(fast, "integers that fit a long take the fast path");
    assertEquals(decodeData(longs), fast);
    assertEquals(9007199254740993L, fast.getLong(16));
    assertEquals(Long.MAX_VALUE, fast.getLong(32));
    assertEquals(Long.MIN_VALUE, fast.getLong(40));
    byte[] tooBig = request("INT64", "[1]", "[9223372036854775808]");
    assertNull(DataArrays.find(tooBig, tooBig.length, 100, 1 << 20).tensor(0, Datatype.INT64, 1));
    assertTrue(
        assertThrows(ApiException.class, () -> decodeData(tooBig))
            .getMessage()
            .contains("out of range"));
    ByteBuffer ints = decodeData(request("INT32", "[3]", "[2147483647,-2147483648,-7]"));
    assertEquals(Integer.MAX_VALUE, ints.getInt());
    assertEquals(Integer.MIN_VALUE, ints.getInt());
    assertEquals(-7, ints.getInt());
  }

  @Test
  void holdsNoMoreNumbersThanAllowed() {
    byte[] body = request("FP32", "[4]", "[1,2,3,4]");
    assertNull(
        DataArrays.find(body, body.length, 100, 3), "over the cap: the plain parser decides");
    assertNotNull(DataArrays.find(body, body.length, 100, 4));
    byte[] two =
        ("{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]},"
                + "{\"name\":\"b\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[2]}]}")
            .getBytes(StandardCharsets.UTF_8);
    assertNull(DataArrays.find(two, two.length, 1, 100), "more arrays than inputs: plain parser");
    assertTrue(
        assertThrows(
                ApiException.class,
                () -> InferRequestDecoder.decode(two, -1, new DecodeLimits(1, 1, 1 << 20)))
            .getMessage()
            .startsWith("request names more than 1 inputs"));
    DecodeLimits tight = new DecodeLimits(1, 1, 12);
    assertTrue(
        assertThrows(ApiException.class, () -> InferRequestDecoder.decode(body, -1, tight))
            .getMessage()
            .contains("input budget (RUNTIME_MAX_INPUT_BYTES)"));
  }

  @Test
  void dataInsideStringsAndParametersIsLeftAlone() {
    String json =
        "{\"id\":\"\\\"data\\\":[1,2]\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\","
            + "\"parameters\":{\"data\":[9,9,9]},\"shape\":[2],\"data\":[1.5,\n 2.5 ]}]}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    InferRequest r = InferRequestDecoder.decode(body, -1);
    assertEquals("\"data\":[1,2]", r.id());
    ByteBuffer b = r.inputs().get(0).data();
    assertEquals(1.5f, b.getFloat());
    assertEquals(2.5f, b.getFloat());
    assertEquals(8, b.limit());
  }

  @Test
  void dataBeforeTheOtherFieldsAndNonNumbers() {
    byte[] first =
        "{\"inputs\":[{\"data\":[1,2],\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP64\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = decodeData(first);
    assertEquals(1.0, b.getDouble());
    assertEquals(2.0, b.getDouble());
    ByteBuffer nan = decodeData(request("FP32", "[3]", "[1.0, NaN, \"-Infinity\"]"));
    assertEquals(1.0f, nan.getFloat());
    assertTrue(Float.isNaN(nan.getFloat()));
    assertEquals(Float.NEGATIVE_INFINITY, nan.getFloat());
  }

  @Test
  void errorsAreThePlainParsersWithPositionsInTheRequestText() {
    assertEquals(
        "input 'x': shape [3] needs 3 elements but 'data' has 2",
        assertThrows(ApiException.class, () -> decodeData(request("FP32", "[3]", "[1.5,2.5]")))
            .getMessage());
    assertEquals(
        "input 'x': element 1 (2147483648) is out of range [-2147483648, 2147483647]",
        assertThrows(
                ApiException.class, () -> decodeData(request("INT32", "[2]", "[1,2147483648]")))
            .getMessage());
    assertTrue(
        assertThrows(ApiException.class, () -> decodeData(request("INT64", "[2]", "[1,2.5]")))
            .getMessage()
            .contains("expected an integer"));
    // a syntax error after a cut array: the column is the one in the request as sent
    String bad =
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[1.5,2.5]"
            + " \"extra\":1}]}";
    int column = bad.indexOf("\"extra\"") + 1;
    String message =
        assertThrows(
                ApiException.class,
                () -> InferRequestDecoder.decode(bad.getBytes(StandardCharsets.UTF_8), -1))
            .getMessage();
    assertTrue(message.startsWith("malformed JSON: "), message);
    assertTrue(message.endsWith("column " + column + ")"), message);
    // malformed numbers are never cut; Jackson names them
    for (String data : List.of("[01]", "[1.]", "[.5]", "[+1]", "[1,,2]", "[1 2]", "[1e]")) {
      byte[] body = request("FP32", "[2]", data);
      assertNull(DataArrays.find(body, body.length, 100, 1 << 20), data);
      assertTrue(
          assertThrows(ApiException.class, () -> decodeData(body))
              .getMessage()
              .startsWith("malformed JSON"),
          data);
    }
  }
}
