package io.modelops.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decoder refuses abusive requests early and in linear time. */
class InferRequestDecoderLimitsTest {
  private static final String ONE_INPUT =
      "{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ApiException refused(String body, DecodeLimits limits) {
    return assertThrows(
        ApiException.class, () -> InferRequestDecoder.decode(utf8(body), -1, limits));
  }

  private static String manyOutputs(int n) {
    StringBuilder b = new StringBuilder("{\"inputs\":[" + ONE_INPUT + "],\"outputs\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"name\":\"out").append(i).append("\"}");
    }
    return b.append("]}").toString();
  }

  private static String manyInputs(int n) {
    StringBuilder b = new StringBuilder("{\"inputs\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":\"in")
          .append(i)
          .append("\",\"datatype\":\"INT8\",\"shape\":[1],\"data\":[0]}");
    }
    return b.append("]}").toString();
  }

  @Test
  void moreOutputsThanTheModelHasAreRefusedWhileParsing() {
    ApiException e = refused(manyOutputs(3), new DecodeLimits(1, 2, Long.MAX_VALUE));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("more than 2 outputs"), e.getMessage());
  }

  @Test
  void moreInputsThanTheModelHasAreRefusedWhileParsing() {
    ApiException e = refused(manyInputs(3), new DecodeLimits(2, 1, Long.MAX_VALUE));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("more than 2 inputs"), e.getMessage());
  }

  @Test
  void hundredThousandDistinctOutputNamesDecodeInLinearTime() {
    byte[] body = utf8(manyOutputs(100_000));
    InferRequest r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> InferRequestDecoder.decode(body, -1));
    assertEquals(100_000, r.outputs().size());
  }

  @Test
  void hundredThousandDistinctInputNamesDecodeInLinearTime() {
    byte[] body = utf8(manyInputs(100_000));
    InferRequest r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> InferRequestDecoder.decode(body, -1));
    assertEquals(100_000, r.inputs().size());
  }

  @Test
  void duplicateNamesAreStillRefused() {
    String twice =
        "{\"inputs\":[" + ONE_INPUT + "],\"outputs\":[{\"name\":\"a\"},{\"name\":\"a\"}]}";
    assertTrue(refused(twice, DecodeLimits.NONE).getMessage().contains("requested twice"));
    String inTwice = "{\"inputs\":[" + ONE_INPUT + "," + ONE_INPUT + "]}";
    assertTrue(refused(inTwice, DecodeLimits.NONE).getMessage().contains("appears twice"));
  }

  @Test
  void declaredShapeOverTheByteBudgetIsRefusedBeforeAllocationNamingTheInput() {
    StringBuilder pad = new StringBuilder();
    pad.append(" ".repeat(2_000_000));
    String body =
        "{\"inputs\":[{\"name\":\"ids\",\"datatype\":\"INT64\",\"shape\":[1000000],"
            + "\"data\":[0]}],\"pad\":\""
            + pad
            + "\"}";
    ApiException e = refused(body, new DecodeLimits(1, 1, 1 << 20));
    assertEquals(413, e.status());
    assertTrue(e.getMessage().contains("input 'ids'"), e.getMessage());
    assertTrue(e.getMessage().contains("RUNTIME_MAX_INPUT_BYTES"), e.getMessage());
  }

  @Test
  void theBudgetIsSharedByAllInputs() {
    String body =
        "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[4],\"data\":[1,2,3,4]},"
            + "{\"name\":\"b\",\"datatype\":\"FP32\",\"shape\":[4],\"data\":[1,2,3,4]}]}";
    assertEquals(
        2, InferRequestDecoder.decode(utf8(body), -1, new DecodeLimits(2, 1, 32)).inputs().size());
    ApiException e = refused(body, new DecodeLimits(2, 1, 31));
    assertEquals(413, e.status());
    assertTrue(e.getMessage().contains("input 'b'"), e.getMessage());
  }

  @Test
  void shapeWhoseByteSizeOverflowsIsRefused() {
    // 2^61 INT64 elements: 2^64 bytes, which wraps to 0 in a long multiplication
    String header =
        "{\"inputs\":[{\"name\":\"ids\",\"datatype\":\"INT64\",\"shape\":[2305843009213693952],"
            + "\"parameters\":{\"binary_data_size\":0}}]}";
    byte[] body = utf8(header);
    ApiException e =
        assertThrows(ApiException.class, () -> InferRequestDecoder.decode(body, body.length));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("too large"), e.getMessage());
    String overflowing =
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT8\","
            + "\"shape\":[4294967296,4294967296,4294967296],\"data\":[0]}]}";
    assertTrue(refused(overflowing, DecodeLimits.NONE).getMessage().contains("too large"));
  }
}
