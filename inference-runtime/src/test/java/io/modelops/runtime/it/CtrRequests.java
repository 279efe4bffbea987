package io.modelops.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.runtime.testmodels.CtrRankerModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds CTR-ranker requests (JSON and binary) and reads scores back. */
final class CtrRequests {
  private CtrRequests() {}

  static String json(long[] ids, float[][] dense, boolean nested, String extra) {
    StringBuilder b = new StringBuilder("{\"inputs\":[");
    b.append("{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[")
        .append(ids.length)
        .append("],\"data\":[");
    for (int i = 0; i < ids.length; i++) {
      b.append(i == 0 ? "" : ",").append(ids[i]);
    }
    b.append("]},{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[")
        .append(dense.length)
        .append(",")
        .append(CtrRankerModel.DENSE_DIM)
        .append("],\"data\":[");
    for (int r = 0; r < dense.length; r++) {
      b.append(r == 0 ? "" : ",").append(nested ? "[" : "");
      for (int c = 0; c < dense[r].length; c++) {
        b.append(c == 0 ? "" : ",").append(dense[r][c]);
      }
      b.append(nested ? "]" : "");
    }
    b.append("]}]").append(extra).append("}");
    return b.toString();
  }

  /** A binary-tensor request; returns body and header length. */
  record Binary(byte[] body, int headerLength) {}

  static Binary binary(long[] ids, float[][] dense, String extra) {
    int n = ids.length;
    String header =
        "{\"inputs\":[{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":["
            + n
            + "],\"parameters\":{\"binary_data_size\":"
            + n * 8
            + "}},{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":["
            + n
            + ","
            + CtrRankerModel.DENSE_DIM
            + "],\"parameters\":{\"binary_data_size\":"
            + n * CtrRankerModel.DENSE_DIM * 4
            + "}}]"
            + extra
            + "}";
    ByteBuffer bin =
        ByteBuffer.allocate(n * 8 + n * CtrRankerModel.DENSE_DIM * 4)
            .order(ByteOrder.LITTLE_ENDIAN);
    for (long id : ids) {
      bin.putLong(id);
    }
    for (float[] row : dense) {
      for (float v : row) {
        bin.putFloat(v);
      }
    }
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(h);
    out.writeBytes(bin.array());
    return new Binary(out.toByteArray(), h.length);
  }

  /** Scores from a JSON response's first output. */
  static float[] scores(JsonNode response) {
    JsonNode data = response.get("outputs").get(0).get("data");
    float[] out = new float[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) data.get(i).asDouble();
    }
    return out;
  }

  /** Reads little-endian floats from a binary response section. */
  static float[] floats(byte[] body, int from, int bytes) {
    ByteBuffer b = ByteBuffer.wrap(body, from, bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat();
    }
    return out;
  }

  static void assertClose(float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionError(
          "expected " + expected.length + " scores, got " + Arrays.toString(actual));
    }
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(expected[i] - actual[i]) > 1e-5f) {
        throw new AssertionError("score " + i + ": expected " + expected[i] + " got " + actual[i]);
      }
    }
  }
}
