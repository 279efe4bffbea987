package io.modelops.runtime.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes an inference response: JSON, followed by the binary section for outputs returned as
 * binary tensors.
 */
public final class InferResponseEncoder {
  private InferResponseEncoder() {}

  /**
   * Writes the response.
   *
   * @param binary per output: true = data goes into the binary section
   * @return the JSON header length when a binary section follows, else -1
   */
  public static int encode(
      String modelName,
      String modelVersion,
      String id,
      List<TensorData> outputs,
      boolean[] binary,
      OutputStream sink)
      throws IOException {
    CountingStream out = new CountingStream(sink);
    boolean anyBinary = false;
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model_name", modelName);
      g.writeStringField("model_version", modelVersion);
      if (id != null) {
        g.writeStringField("id", id);
      }
      g.writeArrayFieldStart("outputs");
      for (int i = 0; i < outputs.size(); i++) {
        TensorData t = outputs.get(i);
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("datatype", t.datatype().name());
        g.writeArrayFieldStart("shape");
        for (long d : t.shape()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        if (binary[i]) {
          anyBinary = true;
          g.writeObjectFieldStart("parameters");
          g.writeNumberField("binary_data_size", t.data().remaining());
          g.writeEndObject();
        } else {
          g.writeArrayFieldStart("data");
          writeData(g, t);
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    int headerLength = (int) out.count;
    if (!anyBinary) {
      return -1;
    }
    byte[] chunk = null;
    for (int i = 0; i < outputs.size(); i++) {
      if (binary[i]) {
        ByteBuffer data = outputs.get(i).data().duplicate();
        if (data.hasArray()) {
          sink.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        } else {
          if (chunk == null) {
            chunk = new byte[8192];
          }
          while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            sink.write(chunk, 0, n);
          }
        }
      }
    }
    return headerLength;
  }

  private static void writeData(JsonGenerator g, TensorData t) throws IOException {
    ByteBuffer b = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    switch (t.datatype()) {
      case BOOL -> {
        while (b.hasRemaining()) {
          g.writeBoolean(b.get() != 0);
        }
      }
      case INT8 -> {
        while (b.hasRemaining()) {
          g.writeNumber(b.get());
        }
      }
      case UINT8 -> {
        while (b.hasRemaining()) {
          g.writeNumber(b.get() & 0xff);
        }
      }
      case INT16 -> {
        while (b.hasRemaining()) {
          g.writeNumber(b.getShort());
        }
      }
      case INT32 -> {
        while (b.hasRemaining()) {
          g.writeNumber(b.getInt());
        }
      }
      case INT64 -> {
        while (b.hasRemaining()) {
          g.writeNumber(b.getLong());
        }
      }
      case FP16 -> {
        while (b.hasRemaining()) {
          g.writeNumber(Fp16.toFloat(b.getShort()));
        }
      }
      case FP32 -> {
        while (b.hasRemaining()) {
          g.writeNumber(b.getFloat());
        }
      }
      case FP64 -> {
        while (b.hasRemaining()) {
          g.writeNumber(b.getDouble());
        }
      }
    }
  }

  private static final class CountingStream extends OutputStream {
    private final OutputStream delegate;
    long count;

    CountingStream(OutputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      delegate.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() {
      // the caller owns the sink
    }
  }
}
