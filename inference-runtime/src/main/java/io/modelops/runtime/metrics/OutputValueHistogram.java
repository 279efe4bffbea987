package io.modelops.runtime.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code modelops_runtime_output_value}: a classic histogram of output values (0.05 to 1.0 in steps
 * of 0.05, and +Inf), one series per output. A batch's values are counted into a local array first
 * and added once per non-empty bucket ({@link Tally}), so a batch of 64 scores costs a few adds
 * instead of 64 full observations (the output histogram was 4 % of a pinned server's CPU at batch
 * 64). The count is derived from the buckets at scrape time, so it always equals the +Inf bucket.
 */
public final class OutputValueHistogram implements Collector {

  /** Upper bounds, inclusive: 0.05, 0.1, ..., 1.0; the last bucket (+Inf) takes the rest. */
  static final double[] BOUNDS = bounds();

  private static final double[] EXPOSED_BOUNDS = exposedBounds();

  private final String model;
  private final String version;
  private final Map<String, Series> series = new ConcurrentHashMap<>();

  OutputValueHistogram(String model, String version) {
    this.model = model;
    this.version = version;
  }

  /** The series of {@code output}, created on first use. */
  Series series(String output) {
    Series s = series.get(output);
    return s != null ? s : series.computeIfAbsent(output, o -> new Series());
  }

  @Override
  public String getPrometheusName() {
    return "modelops_runtime_output_value";
  }

  @Override
  public MetricSnapshot collect() {
    HistogramSnapshot.Builder b =
        HistogramSnapshot.builder()
            .name(getPrometheusName())
            .help("Distribution of output values (scores) per output");
    series.forEach(
        (output, s) -> {
          long[] counts = new long[BOUNDS.length + 1];
          for (int i = 0; i < counts.length; i++) {
            counts[i] = s.buckets[i].sum();
          }
          b.dataPoint(
              HistogramSnapshot.HistogramDataPointSnapshot.builder()
                  .labels(Labels.of("model", model, "output", output, "version", version))
                  .classicHistogramBuckets(ClassicHistogramBuckets.of(EXPOSED_BOUNDS, counts))
                  .sum(s.sum.sum())
                  .build());
        });
    return b.build();
  }

  /** The bucket of {@code v}: the first bound {@code >= v}, or the +Inf bucket. */
  static int bucket(double v) {
    // a guess from the step, then corrected against the bounds themselves so that the result is
    // exactly "first bound >= v" whatever the rounding of v * 20
    int i = v <= 0 ? 0 : v >= 1.0 ? BOUNDS.length - 1 : (int) (v * 20);
    while (i < BOUNDS.length && v > BOUNDS[i]) {
      i++;
    }
    while (i > 0 && v <= BOUNDS[i - 1]) {
      i--;
    }
    return i;
  }

  /** One output's counters. */
  public static final class Series {
    private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    private final DoubleAdder sum = new DoubleAdder();

    private Series() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    /** Counts one value (NaN is ignored). */
    public void observe(double v) {
      Tally t = tally();
      t.add(v);
      t.commit();
    }

    /** A local tally for one batch of values; {@link Tally#commit} adds it to this series. */
    public Tally tally() {
      return new Tally(this);
    }
  }

  /** Values counted locally; not thread-safe, one per batch. */
  public static final class Tally {
    private final Series series;
    private final long[] counts = new long[BOUNDS.length + 1];
    private double sum;

    private Tally(Series series) {
      this.series = series;
    }

    /** Counts {@code v}; NaN is ignored. */
    public void add(double v) {
      if (v != v) {
        return;
      }
      counts[bucket(v)]++;
      sum += v;
    }

    /** Adds what was counted to the series. */
    public void commit() {
      boolean any = false;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] != 0) {
          series.buckets[i].add(counts[i]);
          any = true;
        }
      }
      if (any) {
        series.sum.add(sum);
      }
    }
  }

  private static double[] bounds() {
    double[] b = new double[20];
    for (int i = 0; i < b.length; i++) {
      b[i] = Math.round((i + 1) * 5) / 100.0;
    }
    return b;
  }

  private static double[] exposedBounds() {
    double[] b = java.util.Arrays.copyOf(BOUNDS, BOUNDS.length + 1);
    b[BOUNDS.length] = Double.POSITIVE_INFINITY;
    return b;
  }
}
