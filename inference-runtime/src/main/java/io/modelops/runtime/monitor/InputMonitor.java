package io.modelops.runtime.monitor;

import io.modelops.runtime.Log;
import io.modelops.runtime.model.ModelSignature;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.monitor.ReferenceProfile.FeatureProfile;
import io.modelops.runtime.monitor.ReferenceProfile.TensorProfile;
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
 * scratch array (FP32 tensors copied in bulk, a {@link BinGrid} lookup per in-range value, a binary
 * search over the edges for the rest and for FP64/FP16, one plain increment; no allocation, no
 * lock), then adds the scratch array to its own stripe of cumulative counters once per batch
 * ({@link Recorder#flush()}); each stripe has exactly one writer, so the add is an uncontended
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

  private final TrackedTensor[] byInput; // by signature input index, null = not monitored
  private final Map<String, TrackedTensor> byOutput;
  private final List<TrackedTensor> all;
  private final int cells;
  private final List<AtomicLongArray> stripes = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Recorder> recorders;
  private final SnapshotRing window;

  private InputMonitor(
      TrackedTensor[] byInput,
      Map<String, TrackedTensor> byOutput,
      List<TrackedTensor> all,
      LongSupplier clockMillis,
      Duration bucket,
      int buckets) {
    this.byInput = byInput;
    this.byOutput = byOutput;
    this.all = all;
    this.cells = all.isEmpty() ? 0 : all.get(all.size() - 1).end();
    this.recorders = ThreadLocal.withInitial(this::newRecorder);
    this.window = new SnapshotRing(clockMillis, bucket, buckets, cells);
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
    TrackedTensor[] byInput = new TrackedTensor[signature.inputs().size()];
    Map<String, TrackedTensor> byOutput = new HashMap<>();
    List<TrackedTensor> all = new ArrayList<>();
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
        TrackedTensor tr = new TrackedTensor(t.name(), output, spec.datatype(), fs, cell);
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

  public List<TrackedTensor> tracked() {
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
    return new Recorder(byInput, byOutput, stripe);
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
  public void tick() {
    window.tick(this::totals);
  }

  /** Counts inside the window: totals minus the oldest snapshot (or since the start). */
  public long[] windowCounts() {
    return window.counts(this::totals);
  }

  /** PSI of each feature of {@code t} over the window (NaN without values in the window). */
  public double[] psi(TrackedTensor t) {
    long[] w = windowCounts();
    double[] out = new double[t.column.length];
    for (int f = 0; f < out.length; f++) {
      out[f] = Psi.psi(w, t.base[f], t.expected[f]);
    }
    return out;
  }

  public double psi(TrackedTensor t, int feature) {
    return Psi.psi(windowCounts(), t.base[feature], t.expected[feature]);
  }

  /** Finite values of feature 0 of the first tracked tensor inside the window. */
  public long windowRows() {
    if (all.isEmpty()) {
      return 0;
    }
    long[] w = windowCounts();
    TrackedTensor t = all.get(0);
    long n = 0;
    for (int i = 0; i < t.expected[0].length + TrackedTensor.EXTRA; i++) {
      n +=
          i == t.expected[0].length + TrackedTensor.BELOW
                  || i == t.expected[0].length + TrackedTensor.ABOVE
              ? 0
              : w[t.base[0] + i];
    }
    return n;
  }

  /**
   * Cumulative count of an extra cell ({@link TrackedTensor#BELOW}, {@link TrackedTensor#ABOVE},
   * {@link TrackedTensor#NAN}, {@link TrackedTensor#INF}).
   */
  public long total(TrackedTensor t, int feature, int extra) {
    int cell = t.base[feature] + t.expected[feature].length + extra;
    long n = 0;
    for (AtomicLongArray s : stripes) {
      n += s.getAcquire(cell);
    }
    return n;
  }
}
