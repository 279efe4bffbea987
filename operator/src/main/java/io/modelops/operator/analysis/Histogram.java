package io.modelops.operator.analysis;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A classic Prometheus histogram as counts: cumulative bucket counts by upper bound ({@code le}),
 * plus {@code _count} and {@code _sum}. Immutable; counts are doubles because the format's are.
 *
 * <p>Built from one pod's {@link Scrape} with {@link #from}, which sums every matching series by
 * {@code le} like PromQL's {@code sum by (le)}; the canary analysis then takes each pod's {@link
 * #minus delta} over the interval and adds the pods' deltas with {@link #plus}, so a counter reset
 * is seen per pod, as PromQL's {@code rate} sees it per series, and {@link #quantile} answers what
 * {@code histogram_quantile(q, sum by (le) (increase(…_bucket[interval])))} would.
 */
public final class Histogram {

  private static final Histogram EMPTY = new Histogram(new double[0], new double[0], 0, 0);

  private final double[] upperBounds;
  private final double[] cumulativeCounts;
  private final double count;
  private final double sum;

  private Histogram(double[] upperBounds, double[] cumulativeCounts, double count, double sum) {
    this.upperBounds = upperBounds;
    this.cumulativeCounts = cumulativeCounts;
    this.count = count;
    this.sum = sum;
  }

  /** A histogram without buckets or observations. */
  public static Histogram empty() {
    return EMPTY;
  }

  /**
   * A histogram from cumulative counts by upper bound (the last bound should be {@code +Inf}), with
   * {@code _count} and {@code _sum}.
   */
  public static Histogram of(Map<Double, Double> cumulativeByUpperBound, double count, double sum) {
    TreeMap<Double, Double> sorted = new TreeMap<>(cumulativeByUpperBound);
    double[] bounds = new double[sorted.size()];
    double[] counts = new double[sorted.size()];
    int i = 0;
    for (Map.Entry<Double, Double> e : sorted.entrySet()) {
      if (e.getKey().isNaN()) {
        throw new IllegalArgumentException("a bucket's upper bound is NaN");
      }
      bounds[i] = e.getKey();
      counts[i++] = e.getValue();
    }
    return new Histogram(bounds, counts, count, sum);
  }

  /**
   * The histogram {@code name} of one scrape: the {@code name_bucket} samples whose labels include
   * {@code filter}, summed by {@code le} (bounds written differently but equal as numbers, such as
   * {@code 1} and {@code 1.0}, are one bucket), and the matching {@code name_count} and {@code
   * name_sum} summed. Empty when no bucket matches.
   *
   * @throws IllegalArgumentException when a bucket sample has no {@code le} or an unparsable one
   */
  public static Histogram from(Scrape scrape, String name, Map<String, String> filter) {
    Map<Double, Double> buckets = new TreeMap<>();
    scrape
        .select(name + "_bucket", filter)
        .forEach(s -> buckets.merge(upperBound(s), s.value(), Double::sum));
    if (buckets.isEmpty()) {
      return EMPTY;
    }
    return of(buckets, scrape.sum(name + "_count", filter), scrape.sum(name + "_sum", filter));
  }

  private static double upperBound(Sample bucket) {
    String le = bucket.label("le");
    if (le == null) {
      throw new IllegalArgumentException(bucket.name() + " has no le label: " + bucket.labels());
    }
    try {
      return PrometheusText.parseValue(le);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(bucket.name() + " has le=\"" + le + "\"", e);
    }
  }

  /**
   * What happened between {@code earlier} and this later snapshot of the same pod: bucket by bucket
   * differences. When any bucket count or {@code _count} went down, or the bucket bounds changed,
   * the pod restarted in between (a counter reset), and the answer is this later snapshot itself:
   * everything it counted happened since the restart, as PromQL's {@code rate}/{@code increase}
   * assume per series. Observations between the earlier scrape and the restart are lost, so a delta
   * never comes out negative, only possibly short. An empty {@code earlier} (a pod not seen before)
   * also gives this snapshot.
   */
  public Histogram minus(Histogram earlier) {
    if (earlier.isEmpty() || isResetSince(earlier)) {
      return this;
    }
    double[] counts = new double[cumulativeCounts.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = cumulativeCounts[i] - earlier.cumulativeCounts[i];
    }
    return new Histogram(upperBounds, counts, count - earlier.count, sum - earlier.sum);
  }

  /** True when {@link #minus} would treat {@code earlier} to this as a counter reset. */
  public boolean isResetSince(Histogram earlier) {
    if (!Arrays.equals(upperBounds, earlier.upperBounds) || count < earlier.count) {
      return !earlier.isEmpty();
    }
    for (int i = 0; i < cumulativeCounts.length; i++) {
      if (cumulativeCounts[i] < earlier.cumulativeCounts[i]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Both histograms added, as PromQL's {@code sum by (le)}: the union of the bucket bounds, each
   * bound's count summed over the histograms that have it (if the layouts differ, {@link #quantile}
   * then repairs non-monotonic counts as Prometheus does).
   */
  public Histogram plus(Histogram other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Map<Double, Double> merged = new TreeMap<>();
    for (Histogram h : new Histogram[] {this, other}) {
      for (int i = 0; i < h.upperBounds.length; i++) {
        merged.merge(h.upperBounds[i], h.cumulativeCounts[i], Double::sum);
      }
    }
    return of(merged, count + other.count, sum + other.sum);
  }

  /**
   * The q-quantile estimated exactly like PromQL's {@code histogram_quantile} on classic buckets:
   *
   * <ul>
   *   <li>q is NaN → NaN; q &lt; 0 → −Inf; q &gt; 1 → +Inf;
   *   <li>NaN when the highest bucket is not {@code +Inf}, when there are fewer than two buckets,
   *       or when the {@code +Inf} bucket counts no observation (the {@code _count} sample is not
   *       used);
   *   <li>cumulative counts that decrease with a higher bound are first raised to the highest count
   *       below them (Prometheus' monotonicity fix);
   *   <li>rank = q × (count of the {@code +Inf} bucket); the answer lies in the first finite bucket
   *       whose cumulative count is ≥ rank. If none (rank beyond every finite bucket), the upper
   *       bound of the highest finite bucket is returned. If it is the lowest bucket and that
   *       bucket's upper bound is ≤ 0, that upper bound is returned;
   *   <li>otherwise linear interpolation inside the bucket: lower + (upper − lower) × (rank − count
   *       below) / (count in the bucket), where the lowest bucket's lower bound is 0. As in
   *       Prometheus, an empty bucket reached with q = 0 gives 0/0 = NaN.
   * </ul>
   */
  public double quantile(double q) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    int n = upperBounds.length;
    if (n < 2 || upperBounds[n - 1] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double[] counts = monotonicCounts();
    double observations = counts[n - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < n - 1 && counts[b] < rank) {
      b++;
    }
    if (b == n - 1) {
      return upperBounds[n - 2];
    }
    if (b == 0 && upperBounds[0] <= 0) {
      return upperBounds[0];
    }
    double lower = b == 0 ? 0 : upperBounds[b - 1];
    double below = b == 0 ? 0 : counts[b - 1];
    return lower + (upperBounds[b] - lower) * ((rank - below) / (counts[b] - below));
  }

  /** Observations per bucket (not cumulative), after the monotonicity fix; one per upper bound. */
  public double[] bucketCounts() {
    double[] cumulative = monotonicCounts();
    double[] perBucket = new double[cumulative.length];
    for (int i = 0; i < perBucket.length; i++) {
      perBucket[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }
    return perBucket;
  }

  private double[] monotonicCounts() {
    double[] counts = cumulativeCounts.clone();
    for (int i = 1; i < counts.length; i++) {
      counts[i] = Math.max(counts[i], counts[i - 1]);
    }
    return counts;
  }

  /** The buckets' upper bounds, ascending. */
  public double[] upperBounds() {
    return upperBounds.clone();
  }

  /** Cumulative counts, one per upper bound, as given. */
  public double[] cumulativeCounts() {
    return cumulativeCounts.clone();
  }

  /** The {@code _count} value. */
  public double count() {
    return count;
  }

  /** The {@code _sum} value. */
  public double sum() {
    return sum;
  }

  /** True when the histogram has no buckets. */
  public boolean isEmpty() {
    return upperBounds.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && Arrays.equals(upperBounds, h.upperBounds)
        && Arrays.equals(cumulativeCounts, h.cumulativeCounts)
        && Double.compare(count, h.count) == 0
        && Double.compare(sum, h.sum) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(cumulativeCounts);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Histogram{");
    for (int i = 0; i < upperBounds.length; i++) {
      s.append("le=").append(upperBounds[i]).append(':').append(cumulativeCounts[i]).append(", ");
    }
    return s.append("count=").append(count).append(", sum=").append(sum).append('}').toString();
  }
}
