package io.modelops.runtime.monitor;

import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.Fp16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Bins a thread's values into a thread-confined scratch array; {@link #flush()} publishes them to
 * the thread's own stripe of an {@link InputMonitor}'s counters.
 */
public final class Recorder {
  private final TrackedTensor[] byInput;
  private final Map<String, TrackedTensor> byOutput;
  private final AtomicLongArray stripe;
  private final long[] scratch;

  /** FP32 values copied and binned per chunk at most. */
  static final int CHUNK = 4096;

  /**
   * Rows of at most this many values per monitored feature are copied whole; wider ones column by
   * column.
   */
  static final int DENSE = 8;

  // the copy: the tensor's bytes, read as little-endian floats in bulk (no allocation per batch)
  private final float[] floats = new float[CHUNK];
  private final byte[] bytes = new byte[CHUNK * 4];
  private final FloatBuffer bytesAsFloats =
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();

  private boolean dirty;

  Recorder(TrackedTensor[] byInput, Map<String, TrackedTensor> byOutput, AtomicLongArray stripe) {
    this.byInput = byInput;
    this.byOutput = byOutput;
    this.stripe = stripe;
    this.scratch = new long[stripe.length()];
  }

  /** Input {@code index} of the signature: {@code rows} rows, little-endian data. */
  public void input(int index, ByteBuffer data, long rows) {
    TrackedTensor t = byInput[index];
    if (t != null) {
      record(t, data, rows);
    }
  }

  /** An output tensor by name. */
  public void output(String name, ByteBuffer data, long rows) {
    TrackedTensor t = byOutput.get(name);
    if (t != null) {
      record(t, data, rows);
    }
  }

  void record(TrackedTensor t, ByteBuffer data, long rows) {
    int size = t.type.byteSize();
    long count = data.remaining() / size;
    if (rows <= 0 || count % rows != 0) {
      return;
    }
    if (count > 0) {
      // rows * width values fit in the buffer, so every byte offset below fits in an int
      int n = (int) rows;
      int width = (int) (count / rows);
      ByteBuffer b = data.order() == ByteOrder.LITTLE_ENDIAN ? data : data.duplicate();
      b.order(ByteOrder.LITTLE_ENDIAN);
      if (t.type != Datatype.FP32) {
        for (int f = 0; f < t.column.length; f++) {
          if (t.column[f] < width) {
            any(t, f, b, b.position() + t.column[f] * size, width * size, n);
          }
        }
      } else if (width <= DENSE * t.column.length) {
        fp32Rows(t, b, n, width);
      } else {
        fp32Columns(t, b, n, width);
      }
    }
    dirty = true;
  }

  /**
   * FP32 rows that are mostly monitored columns: whole rows copied in bulk (as many as fit in
   * {@link #CHUNK} values), then each feature's column binned from the copy.
   */
  private void fp32Rows(TrackedTensor t, ByteBuffer in, int rows, int width) {
    int chunk = CHUNK / width;
    for (int r = 0; r < rows; r += chunk) {
      int end = Math.min(chunk, rows - r) * width;
      in.get(in.position() + r * width * 4, bytes, 0, end * 4);
      bytesAsFloats.get(0, floats, 0, end);
      for (int f = 0; f < t.column.length; f++) {
        int col = t.column[f];
        if (col < width) {
          bin(floats, col, end, width, t, f);
        }
      }
    }
  }

  /** FP32 rows wider than that: each monitored column gathered value by value, then binned. */
  private void fp32Columns(TrackedTensor t, ByteBuffer in, int rows, int width) {
    float[] a = floats;
    for (int f = 0; f < t.column.length; f++) {
      int col = t.column[f];
      if (col < width) {
        for (int r = 0; r < rows; r += CHUNK) {
          int k = Math.min(CHUNK, rows - r);
          int at = in.position() + (r * width + col) * 4;
          for (int i = 0; i < k; i++, at += width * 4) {
            a[i] = in.getFloat(at);
          }
          bin(a, 0, k, 1, t, f);
        }
      }
    }
  }

  /**
   * Bins {@code a[from]}, {@code a[from + step]}, ... below {@code end} as feature {@code f}. With
   * a {@link BinGrid} (the common case) an in-range value is binned without a branch and the rest
   * (out of range, NaN, ±Inf) go the general way, exactly as {@link #count}.
   */
  private void bin(float[] a, int from, int end, int step, TrackedTensor t, int f) {
    double[] edges = t.edges[f];
    int base = t.base[f];
    int extra = base + edges.length + 1;
    double min = t.min[f];
    double max = t.max[f];
    BinGrid g = t.grid[f];
    if (g == null) {
      for (int at = from; at < end; at += step) {
        count(a[at], edges, min, max, base, extra);
      }
      return;
    }
    long[] s = scratch;
    int[] low = g.low;
    double[] edge = g.edge;
    double origin = g.min; // == min
    double scale = g.scale;
    for (int at = from; at < end; at += step) {
      double v = a[at];
      if (v >= min && v <= max) {
        int c = (int) ((v - origin) * scale); // BinGrid.cell, inline
        s[low[c] + (v >= edge[c] ? 1 : 0)]++;
      } else {
        count(v, edges, min, max, base, extra);
      }
    }
  }

  /** FP64 and FP16 values, one by one, binned by binary search. */
  private void any(TrackedTensor t, int f, ByteBuffer b, int at, int stride, int rows) {
    double[] edges = t.edges[f];
    double lo = t.min[f];
    double hi = t.max[f];
    int base = t.base[f];
    int extra = base + edges.length + 1;
    for (int r = 0; r < rows; r++, at += stride) {
      double v = t.type == Datatype.FP64 ? b.getDouble(at) : Fp16.toFloat(b.getShort(at));
      count(v, edges, lo, hi, base, extra);
    }
  }

  private void count(double v, double[] edges, double lo, double hi, int base, int extra) {
    long[] s = scratch;
    if (v != v) {
      s[extra + TrackedTensor.NAN]++;
    } else if (v == Double.POSITIVE_INFINITY || v == Double.NEGATIVE_INFINITY) {
      s[extra + TrackedTensor.INF]++;
    } else {
      if (v < lo) {
        s[extra + TrackedTensor.BELOW]++;
      } else if (v > hi) {
        s[extra + TrackedTensor.ABOVE]++;
      }
      s[base + Psi.bin(edges, v)]++;
    }
  }

  /** Adds the scratch counts to this thread's stripe (once per batch). */
  public void flush() {
    if (!dirty) {
      return;
    }
    long[] s = scratch;
    for (int i = 0; i < s.length; i++) {
      long d = s[i];
      if (d != 0) {
        // single writer per stripe: no read-modify-write race, readers see whole longs
        stripe.setRelease(i, stripe.getPlain(i) + d);
        s[i] = 0;
      }
    }
    dirty = false;
  }
}
