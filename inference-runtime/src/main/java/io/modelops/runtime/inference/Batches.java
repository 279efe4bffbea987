package io.modelops.runtime.inference;

import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Pure helpers that merge request tensors along dimension 0 and split outputs back. */
public final class Batches {
  private Batches() {}

  /** Shape of the merged tensor: {@code [totalRows, rest of first's shape...]}. */
  public static long[] mergedShape(long[] first, long totalRows) {
    long[] shape = first.clone();
    if (shape.length > 0) {
      shape[0] = totalRows;
    }
    return shape;
  }

  /** Copies each part's bytes one after another into {@code target} (from position 0). */
  public static void concat(List<ByteBuffer> parts, ByteBuffer target) {
    ByteBuffer dst = target.duplicate();
    dst.clear();
    for (ByteBuffer part : parts) {
      dst.put(part.duplicate());
    }
  }

  /**
   * Splits a merged output into one tensor per request.
   *
   * @param data the merged output bytes (position 0 to limit)
   * @param shape the merged output shape; {@code shape[0]} must equal the sum of {@code rows}
   * @param rows rows of each request in merge order
   */
  public static TensorData[] split(
      String name, Datatype type, long[] shape, ByteBuffer data, long[] rows) {
    long total = 0;
    for (long r : rows) {
      total += r;
    }
    if (shape.length == 0 || shape[0] != total) {
      throw new IllegalStateException(
          "model output '"
              + name
              + "' has shape "
              + TensorData.shapeString(shape)
              + " for a batch of "
              + total
              + " rows; this model cannot be batched (set RUNTIME_BATCH_MAX_SIZE=1)");
    }
    long rowBytes = total == 0 ? 0 : data.remaining() / total;
    TensorData[] out = new TensorData[rows.length];
    long offset = 0;
    for (int i = 0; i < rows.length; i++) {
      ByteBuffer slice = data.duplicate();
      slice.position((int) (data.position() + offset * rowBytes));
      slice.limit((int) (data.position() + (offset + rows[i]) * rowBytes));
      long[] s = shape.clone();
      s[0] = rows[i];
      out[i] = new TensorData(name, type, s, slice.slice().order(ByteOrder.LITTLE_ENDIAN));
      offset += rows[i];
    }
    return out;
  }
}
