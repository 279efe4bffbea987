package io.modelops.runtime.monitor;

import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.Fp16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    int start = data.position();
    long count = data.remaining() / size;
    if (rows <= 0 || count % rows != 0) {
      return;
    }
    long width = count / rows;
    ByteBuffer b = data.order() == ByteOrder.LITTLE_ENDIAN ? data : data.duplicate();
    b.order(ByteOrder.LITTLE_ENDIAN);
    int features = t.column.length;
    for (int f = 0; f < features; f++) {
      int col = t.column[f];
      if (col >= width) {
        continue;
      }
      double[] edges = t.edges[f];
      double lo = t.min[f];
      double hi = t.max[f];
      int base = t.base[f];
      int extra = base + edges.length + 1;
      if (t.type == Datatype.FP32 && t.gridBin[f] != null) {
        fp32(b, start, width * 4, col * 4, rows, t, f);
        continue;
      }
      for (long r = 0; r < rows; r++) {
        int at = (int) (start + (r * width + col) * size);
        double v =
            switch (t.type) {
              case FP32 -> b.getFloat(at);
              case FP64 -> b.getDouble(at);
              default -> Fp16.toFloat(b.getShort(at));
            };
        count(v, edges, lo, hi, base, extra);
      }
    }
    dirty = true;
  }

  /**
   * The common case (FP32, two or more edges) without a type switch per value: the bin comes from
   * the feature's lookup grid, corrected by comparing with the neighbouring edges (exact: the same
   * bin as {@link Psi#bin}).
   */
  private void fp32(
      ByteBuffer b, int start, long rowBytes, int colBytes, long rows, TrackedTensor t, int f) {
    long[] s = scratch;
    double[] edges = t.edges[f];
    int last = edges.length - 1;
    double first = edges[0];
    double top = edges[last];
    double lo = t.min[f];
    double hi = t.max[f];
    double scale = t.gridScale[f];
    byte[] grid = t.gridBin[f];
    int base = t.base[f];
    int extra = base + edges.length + 1;
    int at = start + colBytes;
    for (long r = 0; r < rows; r++, at += (int) rowBytes) {
      double v = b.getFloat(at);
      int bin;
      if (v >= first && v < top) {
        bin = grid[(int) ((v - first) * scale)];
        while (v >= edges[bin]) {
          bin++;
        }
        while (bin > 0 && v < edges[bin - 1]) {
          bin--;
        }
      } else if (v < first) {
        bin = 0;
        if (v < lo) {
          s[extra + TrackedTensor.BELOW]++;
        }
      } else if (v >= top) {
        bin = last + 1;
        if (v > hi) {
          s[extra + (v == Double.POSITIVE_INFINITY ? TrackedTensor.INF : TrackedTensor.ABOVE)]++;
          if (v == Double.POSITIVE_INFINITY) {
            continue;
          }
        }
      } else {
        s[extra + TrackedTensor.NAN]++;
        continue;
      }
      if (v == Double.NEGATIVE_INFINITY) {
        s[extra + TrackedTensor.BELOW]--;
        s[extra + TrackedTensor.INF]++;
        continue;
      }
      s[base + bin]++;
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
