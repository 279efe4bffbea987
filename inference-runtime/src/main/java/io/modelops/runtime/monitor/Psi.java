package io.modelops.runtime.monitor;

/**
 * Binning and the population stability index.
 *
 * <p>PSI = Σ over bins (a − e) · ln(a / e), where {@code a} is the bin's share of the live values
 * and {@code e} its share in the reference profile. A share below {@link #EPSILON} (an empty bin)
 * is taken as {@link #EPSILON}, so an empty bin adds a large but finite term instead of infinity.
 */
public final class Psi {
  /** Floor for a bin's share on either side (0.01 %). */
  public static final double EPSILON = 1e-4;

  private Psi() {}

  /** Bin of {@code v}: the number of edges {@code <= v} (edges strictly increasing). */
  public static int bin(double[] edges, double v) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * PSI of live bin counts {@code counts[from .. from + expected.length)} against the expected
   * proportions; NaN when the counts are all zero.
   */
  public static double psi(long[] counts, int from, double[] expected) {
    long total = 0;
    for (int i = 0; i < expected.length; i++) {
      total += counts[from + i];
    }
    if (total == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int i = 0; i < expected.length; i++) {
      double a = Math.max(EPSILON, counts[from + i] / (double) total);
      double e = Math.max(EPSILON, expected[i]);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  public static double psi(long[] counts, double[] expected) {
    return psi(counts, 0, expected);
  }
}
