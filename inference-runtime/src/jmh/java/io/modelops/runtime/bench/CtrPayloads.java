package io.modelops.runtime.bench;

import io.modelops.runtime.testmodels.CtrRankerModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Open Inference Protocol request bodies for {@link CtrRankerModel} (JSON, and JSON header plus
 * binary tensor section) and the decoding of the {@code score} output, used once per scenario to
 * check that the server answers correctly before it is timed.
 */
final class CtrPayloads {

  static final String HEADER_LENGTH = "Inference-Header-Content-Length";

  final long[] ids;
  final float[][] dense;

  CtrPayloads(int batch, long seed) {
    this.ids = CtrRankerModel.sampleIds(batch, seed);
    this.dense = CtrRankerModel.sampleDense(batch, seed);
  }

  int batch() {
    return ids.length;
  }

  /** The whole request as JSON, with flat {@code data} arrays. */
  byte[] jsonBody() {
    StringBuilder s = new StringBuilder(64 + batch() * 120);
    s.append("{\"inputs\":[{\"name\":\"")
        .append(CtrRankerModel.ITEM_IDS)
        .append("\",\"datatype\":\"INT64\",\"shape\":[")
        .append(batch())
        .append("],\"data\":[");
    for (int i = 0; i < ids.length; i++) {
      s.append(i == 0 ? "" : ",").append(ids[i]);
    }
    s.append("]},{\"name\":\"")
        .append(CtrRankerModel.DENSE)
        .append("\",\"datatype\":\"FP32\",\"shape\":[")
        .append(batch())
        .append(',')
        .append(CtrRankerModel.DENSE_DIM)
        .append("],\"data\":[");
    boolean first = true;
    for (float[] row : dense) {
      for (float v : row) {
        s.append(first ? "" : ",").append(v);
        first = false;
      }
    }
    s.append("]}]}");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** JSON header length (for {@value #HEADER_LENGTH}) of {@link #binaryBody()}. */
  int binaryHeaderLength() {
    return binaryHeader().length;
  }

  /** JSON header asking for a binary {@code score}, then item ids and dense rows, little-endian. */
  byte[] binaryBody() {
    byte[] header = binaryHeader();
    ByteBuffer body =
        ByteBuffer.allocate(header.length + idBytes() + denseBytes())
            .order(ByteOrder.LITTLE_ENDIAN);
    body.put(header);
    for (long id : ids) {
      body.putLong(id);
    }
    for (float[] row : dense) {
      for (float v : row) {
        body.putFloat(v);
      }
    }
    return body.array();
  }

  private byte[] binaryHeader() {
    String json =
        "{\"inputs\":[{\"name\":\""
            + CtrRankerModel.ITEM_IDS
            + "\",\"datatype\":\"INT64\",\"shape\":["
            + batch()
            + "],\"parameters\":{\"binary_data_size\":"
            + idBytes()
            + "}},{\"name\":\""
            + CtrRankerModel.DENSE
            + "\",\"datatype\":\"FP32\",\"shape\":["
            + batch()
            + ","
            + CtrRankerModel.DENSE_DIM
            + "],\"parameters\":{\"binary_data_size\":"
            + denseBytes()
            + "}}],\"outputs\":[{\"name\":\""
            + CtrRankerModel.SCORE
            + "\",\"parameters\":{\"binary_data\":true}}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private int idBytes() {
    return ids.length * Long.BYTES;
  }

  private int denseBytes() {
    return ids.length * CtrRankerModel.DENSE_DIM * Float.BYTES;
  }

  /** Headers for a JSON request. */
  static Map<String, String> jsonHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    return h;
  }

  /** Headers for a binary-extension request. */
  Map<String, String> binaryHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/octet-stream");
    h.put(HEADER_LENGTH, Integer.toString(binaryHeaderLength()));
    return h;
  }

  /** The {@code score} values of a response, JSON or binary. */
  static float[] scores(HttpConnection.Response response) throws IOException {
    String headerLength = response.header(HEADER_LENGTH);
    if (headerLength != null) {
      int json = Integer.parseInt(headerLength);
      ByteBuffer bin =
          ByteBuffer.wrap(response.body(), json, response.body().length - json)
              .order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[bin.remaining() / Float.BYTES];
      for (int i = 0; i < out.length; i++) {
        out[i] = bin.getFloat();
      }
      return out;
    }
    String text = response.bodyText();
    int name = text.indexOf("\"" + CtrRankerModel.SCORE + "\"");
    int data = name < 0 ? -1 : text.indexOf("\"data\"", name);
    if (data < 0) {
      throw new IOException("no score data in response: " + abbreviate(text));
    }
    int open = text.indexOf('[', data);
    int depth = 0;
    int close = open;
    do {
      char c = text.charAt(close++);
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
    } while (depth > 0);
    String[] values = text.substring(open, close).replace("[", "").replace("]", "").split(",");
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.parseFloat(values[i].trim());
    }
    return out;
  }

  static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
