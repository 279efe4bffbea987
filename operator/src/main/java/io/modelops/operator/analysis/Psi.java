package io.modelops.operator.analysis;

import java.util.Arrays;
import java.util.Optional;

/**
 * Population Stability Index of the canary's output scores against the stable's, from the two
 * tracks' {@code modelops_runtime_output_value} histogram deltas over the same interval: a ranking
 * model whose scores shift is suspect even when latency and errors look fine.
 *
 * <p>PSI = Σ over buckets of (p<sub>c</sub> − p<sub>s</sub>) · ln(p<sub>c</sub> / p<sub>s</sub>),
 * where p is a bucket's share of its histogram's observations, taken from the non-cumulative counts
 * of every bucket including {@code +Inf}. Each term is ≥ 0, and PSI is symmetric in the two
 * histograms. A bucket that is empty on one side would make a term infinite, so a share of 0 is
 * replaced by {@link #EPSILON} = 10<sup>−4</sup> (shares are not renormalised). That bounds every
 * term by |p<sub>c</sub> − p<sub>s</sub>| · ln(10<sup>4</sup>) and PSI by about 2 ·
 * ln(10<sup>4</sup>) ≈ 18.4 when the two distributions share no bucket at all.
 *
 * <p>Conventional reading ({@link Drift}): below 0.1 no significant shift, 0.1 to 0.25 a moderate
 * shift worth watching, above 0.25 a significant shift. With few observations PSI is noisy; the
 * caller decides how many it needs before trusting it.
 */
public record Psi(double value) {

  /** The share that stands in for an empty bucket. */
  public static final double EPSILON = 1e-4;

  /** Conventional reading of a PSI value. */
  public enum Drift {
    /** PSI &lt; 0.1. */
    STABLE,
    /** 0.1 ≤ PSI ≤ 0.25. */
    MODERATE,
    /** PSI &gt; 0.25. */
    SIGNIFICANT
  }

  /**
   * The PSI of {@code canary} against {@code stable}, or empty ("no data", never 0) when either
   * histogram has no observations or a non-finite bucket count.
   *
   * @throws IllegalArgumentException when the two histograms do not have the same bucket bounds
   */
  public static Optional<Psi> between(Histogram canary, Histogram stable) {
    if (!Arrays.equals(canary.upperBounds(), stable.upperBounds())) {
      throw new IllegalArgumentException(
          "PSI needs the same buckets on both sides: "
              + Arrays.toString(canary.upperBounds())
              + " vs "
              + Arrays.toString(stable.upperBounds()));
    }
    double[] c = shares(canary.bucketCounts());
    double[] s = shares(stable.bucketCounts());
    if (c == null || s == null) {
      return Optional.empty();
    }
    double psi = 0;
    for (int i = 0; i < c.length; i++) {
      psi += (c[i] - s[i]) * Math.log(c[i] / s[i]);
    }
    return Optional.of(new Psi(psi));
  }

  /** Shares with empty buckets raised to {@link #EPSILON}; null when there is nothing to share. */
  private static double[] shares(double[] counts) {
    double total = 0;
    for (double count : counts) {
      if (!Double.isFinite(count)) {
        return null;
      }
      total += count;
    }
    if (total <= 0) {
      return null;
    }
    double[] shares = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      shares[i] = Math.max(counts[i] / total, EPSILON);
    }
    return shares;
  }

  /** The conventional reading of this value. */
  public Drift drift() {
    if (value < 0.1) {
      return Drift.STABLE;
    }
    return value <= 0.25 ? Drift.MODERATE : Drift.SIGNIFICANT;
  }
}
