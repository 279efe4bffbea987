package io.modelops.runtime.monitor;

import io.modelops.runtime.Log;
import io.modelops.runtime.model.ModelSignature;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.monitor.ReferenceProfile.FeatureProfile;
import io.modelops.runtime.monitor.ReferenceProfile.TensorProfile;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.Fp16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Live input and output-score monitoring against a {@link ReferenceProfile}.
 *
 * <p><b>Hot path.</b> The inference thread bins every monitored value into a thread-confined
 * scratch array (a binary search over the edges and one plain increment, no allocation, no lock),
 * then adds the scratch array to its own stripe of cumulative counters once per batch ({@link
 * Recorder#flush()}); each stripe has exactly one writer, so the add is an uncontended
 * release-store. Readers (the metrics scrape) sum the stripes.
 *
 * <p><b>Window.</b> PSI is computed over a sliding window made of snapshots: at every boundary of a
 * {@code bucket} (default one minute) the cumulative totals are copied into a ring of {@code
 * buckets} snapshots (default 6); the window's counts are the totals now minus the oldest snapshot
 * of the ring, i.e. the last {@code buckets - 1} to {@code buckets} bucket lengths (5 to 6 minutes
 * by default; since the start while the process is younger than that). Snapshots are taken by
 * {@link #tick()} (called by a timer and before every read), so nothing on the inference path
 * rotates anything.
 *
 * <p>Counters of out-of-range and NaN/Inf values are cumulative (Prometheus counters).
 */
public final class InputMonitor {
  /** Features monitored per tensor at most (label cardinality cap). */
  public static final int MAX_FEATURES = 64;

  public static final Duration DEFAULT_BUCKET = Duration.ofMinutes(1);
  public static final int DEFAULT_BUCKETS = 6;

  /** Cells after a feature's bins. */
  static final int BELOW = 0;

  static final int ABOVE = 1;
  static final int NAN = 2;
  static final int INF = 3;
  static final int EXTRA = 4;

  /**
   * Cells of the lookup grid between a feature's first and last edge: a value's grid cell gives its
   * bin up to the one or two edges inside that cell, which are then checked directly.
   */
  static final int GRID = 256;

  /** One monitored tensor: which columns, their bins and where their cells start. */
  public static final class Tracked {
    final String name;
    final boolean output;
    final Datatype type;
    final int[] column;
    final double[][] edges;
    final double[][] expected;
    final double[] min;
    final double[] max;
    final int[] base;
    final double[] gridLo; // edges[0]
    final double[] gridScale; // GRID cells per unit between the first and the last edge
    final byte[][] gridBin; // bin of each grid cell's lower boundary

    Tracked(String name, boolean output, Datatype type, List<FeatureProfile> fs, int firstCell) {
      this.name = name;
      this.output = output;
      this.type = type;
      int n = fs.size();
      column = new int[n];
      edges = new double[n][];
      expected = new double[n][];
      min = new double[n];
      max = new double[n];
      base = new int[n];
      gridLo = new double[n];
      gridScale = new double[n];
      gridBin = new byte[n][];
      int cell = firstCell;
      for (int i = 0; i < n; i++) {
        FeatureProfile f = fs.get(i);
        column[i] = f.index();
        edges[i] = f.edges();
        expected[i] = f.expected();
        min[i] = f.min();
        max[i] = f.max();
        base[i] = cell;
        cell += f.expected().length + EXTRA;
        double[] e = f.edges();
        if (e.length >= 2) {
          gridLo[i] = e[0];
          gridScale[i] = GRID / (e[e.length - 1] - e[0]);
          gridBin[i] = new byte[GRID + 1];
          for (int c = 0; c <= GRID; c++) {
            // at most the last edge's index: a value below the last edge has a lower bin
            gridBin[i][c] = (byte) Math.min(e.length - 1, Psi.bin(e, e[0] + c / gridScale[i]));
          }
        }
      }
    }

    int end() {
      int last = base.length - 1;
      return last < 0 ? 0 : base[last] + expected[last].length + EXTRA;
    }

    public String name() {
      return name;
    }

    public int features() {
      return column.length;
    }

    public int column(int feature) {
      return column[feature];
    }
  }

  private final Tracked[] byInput; // by signature input index, null = not monitored
  private final Map<String, Tracked> byOutput;
  private final List<Tracked> all;
  private final int cells;
  private final List<AtomicLongArray> stripes = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Recorder> recorders;
  private final LongSupplier clockMillis;
  private final long bucketMillis;
  private final long[][] ring;
  private int ringSize;
  private int ringNext;
  private long lastBucket;

  private InputMonitor(
      Tracked[] byInput,
      Map<String, Tracked> byOutput,
      List<Tracked> all,
      LongSupplier clockMillis,
      Duration bucket,
      int buckets) {
    this.byInput = byInput;
    this.byOutput = byOutput;
    this.all = all;
    this.cells = all.isEmpty() ? 0 : all.get(all.size() - 1).end();
    this.recorders = ThreadLocal.withInitial(this::newRecorder);
    this.clockMillis = clockMillis;
    this.bucketMillis = bucket.toMillis();
    if (bucketMillis <= 0 || buckets < 2) {
      throw new IllegalArgumentException("bucket must be >= 1ms and buckets >= 2");
    }
    this.ring = new long[buckets][];
    // the start counts as the first boundary, so a young process's window reaches back to it
    this.ring[0] = new long[cells];
    this.ringSize = 1;
    this.ringNext = 1 % buckets;
    this.lastBucket = clockMillis.getAsLong() / bucketMillis;
  }

  /**
   * A monitor for the parts of {@code profile} that fit {@code signature}: floating-point tensors
   * it has, columns inside a fixed width, at most {@link #MAX_FEATURES} features per tensor. What
   * does not fit is logged and left out. Returns null when nothing is left to monitor.
   */
  public static InputMonitor create(
      ReferenceProfile profile,
      ModelSignature signature,
      LongSupplier clockMillis,
      Duration bucket,
      int buckets) {
    Tracked[] byInput = new Tracked[signature.inputs().size()];
    Map<String, Tracked> byOutput = new HashMap<>();
    List<Tracked> all = new ArrayList<>();
    int cell = 0;
    for (int pass = 0; pass < 2; pass++) {
      boolean output = pass == 1;
      List<TensorSpec> specs = output ? signature.outputs() : signature.inputs();
      for (TensorProfile t : output ? profile.outputs() : profile.inputs()) {
        int index = -1;
        for (int i = 0; i < specs.size(); i++) {
          if (specs.get(i).name().equals(t.name())) {
            index = i;
          }
        }
        String what = (output ? "output '" : "input '") + t.name() + "'";
        if (index < 0) {
          Log.warn("monitor", "profile names " + what + ", which the model does not have; skipped");
          continue;
        }
        TensorSpec spec = specs.get(index);
        if (!spec.datatype().floatingPoint()) {
          Log.warn(
              "monitor",
              what + " is " + spec.datatype() + "; only floating-point tensors are monitored");
          continue;
        }
        long width = width(spec.shape());
        List<FeatureProfile> fs = new ArrayList<>();
        for (FeatureProfile f : t.features()) {
          if (width > 0 && f.index() >= width) {
            Log.warn(
                "monitor",
                what + " has " + width + " values per row; feature " + f.index() + " skipped");
          } else {
            fs.add(f);
          }
        }
        if (output && fs.size() > 1) {
          Log.warn("monitor", what + ": only the first profiled column is monitored (the score)");
          fs = fs.subList(0, 1);
        }
        if (fs.size() > MAX_FEATURES) {
          Log.warn(
              "monitor",
              what
                  + " has "
                  + fs.size()
                  + " profiled features; monitoring the first "
                  + MAX_FEATURES
                  + " (label cardinality cap)");
          fs = fs.subList(0, MAX_FEATURES);
        }
        if (fs.isEmpty()) {
          continue;
        }
        Tracked tr = new Tracked(t.name(), output, spec.datatype(), fs, cell);
        cell = tr.end();
        all.add(tr);
        if (output) {
          byOutput.put(t.name(), tr);
        } else {
          byInput[index] = tr;
        }
      }
    }
    if (all.isEmpty()) {
      return null;
    }
    return new InputMonitor(byInput, byOutput, List.copyOf(all), clockMillis, bucket, buckets);
  }

  /** Values per row of a tensor shape with fixed trailing dimensions; -1 when any is dynamic. */
  private static long width(long[] shape) {
    long w = 1;
    for (int i = 1; i < shape.length; i++) {
      if (shape[i] < 0) {
        return -1;
      }
      w *= shape[i];
    }
    return w;
  }

  public List<Tracked> tracked() {
    return all;
  }

  /** True when input {@code index} of the signature is monitored. */
  public boolean monitorsInput(int index) {
    return byInput[index] != null;
  }

  /** The calling thread's recorder (look it up once per batch, not per row). */
  public Recorder recorder() {
    return recorders.get();
  }

  private Recorder newRecorder() {
    AtomicLongArray stripe = new AtomicLongArray(cells);
    stripes.add(stripe);
    return new Recorder(stripe);
  }

  /** Bins values into a thread-confined scratch array; {@link #flush()} publishes them. */
  public final class Recorder {
    private final AtomicLongArray stripe;
    private final long[] scratch = new long[cells];
    private boolean dirty;

    private Recorder(AtomicLongArray stripe) {
      this.stripe = stripe;
    }

    /** Input {@code index} of the signature: {@code rows} rows, little-endian data. */
    public void input(int index, ByteBuffer data, long rows) {
      Tracked t = byInput[index];
      if (t != null) {
        record(t, data, rows);
      }
    }

    /** An output tensor by name. */
    public void output(String name, ByteBuffer data, long rows) {
      Tracked t = byOutput.get(name);
      if (t != null) {
        record(t, data, rows);
      }
    }

    void record(Tracked t, ByteBuffer data, long rows) {
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
     * the feature's lookup grid, corrected by comparing with the neighbouring edges (exact: the
     * same bin as {@link Psi#bin}).
     */
    private void fp32(
        ByteBuffer b, int start, long rowBytes, int colBytes, long rows, Tracked t, int f) {
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
            s[extra + BELOW]++;
          }
        } else if (v >= top) {
          bin = last + 1;
          if (v > hi) {
            s[extra + (v == Double.POSITIVE_INFINITY ? INF : ABOVE)]++;
            if (v == Double.POSITIVE_INFINITY) {
              continue;
            }
          }
        } else {
          s[extra + NAN]++;
          continue;
        }
        if (v == Double.NEGATIVE_INFINITY) {
          s[extra + BELOW]--;
          s[extra + INF]++;
          continue;
        }
        s[base + bin]++;
      }
    }

    private void count(double v, double[] edges, double lo, double hi, int base, int extra) {
      long[] s = scratch;
      if (v != v) {
        s[extra + NAN]++;
      } else if (v == Double.POSITIVE_INFINITY || v == Double.NEGATIVE_INFINITY) {
        s[extra + INF]++;
      } else {
        if (v < lo) {
          s[extra + BELOW]++;
        } else if (v > hi) {
          s[extra + ABOVE]++;
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

  /** Cumulative counts since the start, summed over every thread's stripe. */
  long[] totals() {
    long[] t = new long[cells];
    for (AtomicLongArray s : stripes) {
      for (int i = 0; i < cells; i++) {
        t[i] += s.getAcquire(i);
      }
    }
    return t;
  }

  /** Takes the snapshots of every bucket boundary passed since the last call. */
  public synchronized void tick() {
    long bucket = clockMillis.getAsLong() / bucketMillis;
    if (bucket <= lastBucket) {
      return;
    }
    long[] snapshot = totals();
    // boundaries missed in between get the same snapshot (nothing was observed or it is unknown
    // when), at most one ring's worth
    long missed = Math.min(bucket - lastBucket, ring.length);
    for (long i = 0; i < missed; i++) {
      ring[ringNext] = snapshot;
      ringNext = (ringNext + 1) % ring.length;
      ringSize = Math.min(ringSize + 1, ring.length);
    }
    lastBucket = bucket;
  }

  /** Counts inside the window: totals minus the oldest snapshot (or since the start). */
  public synchronized long[] windowCounts() {
    tick();
    long[] now = totals();
    if (ringSize == 0) {
      return now;
    }
    long[] oldest = ring[ringSize < ring.length ? 0 : ringNext];
    for (int i = 0; i < now.length; i++) {
      now[i] -= oldest[i];
    }
    return now;
  }

  /** PSI of each feature of {@code t} over the window (NaN without values in the window). */
  public double[] psi(Tracked t) {
    long[] w = windowCounts();
    double[] out = new double[t.column.length];
    for (int f = 0; f < out.length; f++) {
      out[f] = Psi.psi(w, t.base[f], t.expected[f]);
    }
    return out;
  }

  public double psi(Tracked t, int feature) {
    return Psi.psi(windowCounts(), t.base[feature], t.expected[feature]);
  }

  /** Finite values of feature 0 of the first tracked tensor inside the window. */
  public long windowRows() {
    if (all.isEmpty()) {
      return 0;
    }
    long[] w = windowCounts();
    Tracked t = all.get(0);
    long n = 0;
    for (int i = 0; i < t.expected[0].length + EXTRA; i++) {
      n +=
          i == t.expected[0].length + BELOW || i == t.expected[0].length + ABOVE
              ? 0
              : w[t.base[0] + i];
    }
    return n;
  }

  /**
   * Cumulative count of an extra cell ({@link #BELOW}, {@link #ABOVE}, {@link #NAN}, {@link #INF}).
   */
  public long total(Tracked t, int feature, int extra) {
    int cell = t.base[feature] + t.expected[feature].length + extra;
    long n = 0;
    for (AtomicLongArray s : stripes) {
      n += s.getAcquire(cell);
    }
    return n;
  }
}
