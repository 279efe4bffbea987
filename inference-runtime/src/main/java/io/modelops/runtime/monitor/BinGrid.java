package io.modelops.runtime.monitor;

/**
 * A lookup grid that bins a value of a feature's training range {@code [min, max]} with one
 * multiplication, two table reads and one compare, exactly as {@link Psi#bin} does.
 *
 * <p>The range is cut into {@code n} equal cells; a value {@code v} in range falls into cell {@link
 * #cell(double) (int) ((v - min) * scale)}. That function is monotone (IEEE subtraction and
 * multiplication by a positive constant round monotonically, and so does the truncation), so an
 * edge whose cell is below {@code v}'s cell is {@code <= v} and one whose cell is above is {@code >
 * v}; only edges in {@code v}'s own cell need a compare. The grid is made fine enough that every
 * cell holds at most one edge: {@link #low} is the number of edges in the cells below (plus those
 * under {@code min}), offset by the feature's first counter cell, and {@link #edge} is the edge
 * inside the cell, or +∞ when there is none. The bin's counter is then {@code low[c] + (v >=
 * edge[c] ? 1 : 0)}, branch-free.
 */
final class BinGrid {
  /** Coarsest grid tried (cells). */
  static final int MIN_CELLS = 64;

  /** Finest grid tried; edges closer than {@code (max - min) / MAX_CELLS} leave the grid out. */
  static final int MAX_CELLS = 4096;

  /** The feature's training minimum: where cell 0 starts. */
  final double min;

  final double scale;

  /** Per cell: counter index of the lowest bin a value of the cell can fall into. */
  final int[] low;

  /** Per cell: the one edge inside it, +∞ when none. */
  final double[] edge;

  private BinGrid(double min, double scale, int[] low, double[] edge) {
    this.min = min;
    this.scale = scale;
    this.low = low;
    this.edge = edge;
  }

  /** Cell of an in-range value (the hot path repeats this expression inline). */
  int cell(double v) {
    return (int) ((v - min) * scale);
  }

  /**
   * The grid of a feature whose bins count at {@code base}, or null when none fits (an empty or
   * infinite range, or edges too close together): such a feature is binned by binary search.
   */
  static BinGrid of(double[] edges, double min, double max, int base) {
    if (!(Double.isFinite(min) && Double.isFinite(max) && max > min)) {
      return null;
    }
    for (int n = MIN_CELLS; n <= MAX_CELLS; n *= 2) {
      BinGrid g = tryCells(edges, min, max, base, n);
      if (g != null) {
        return g;
      }
    }
    return null;
  }

  private static BinGrid tryCells(double[] edges, double min, double max, int base, int n) {
    double scale = n / (max - min);
    if (!(scale > 0 && Double.isFinite(scale) && Double.isFinite((max - min) * scale))) {
      return null;
    }
    BinGrid g = new BinGrid(min, scale, null, null);
    // the cells an in-range value can reach: 0 .. cell(max) (rounding may make that n)
    int cells = g.cell(max) + 1;
    int[] low = new int[cells];
    double[] edge = new double[cells];
    java.util.Arrays.fill(edge, Double.POSITIVE_INFINITY);
    int below = 0; // edges under min: <= every in-range value
    int[] inCell = new int[cells];
    for (double e : edges) {
      if (e < min) {
        below++;
      } else if (e <= max) {
        int c = g.cell(e);
        if (++inCell[c] > 1) {
          return null;
        }
        edge[c] = e;
      }
    }
    int count = base + below;
    for (int c = 0; c < cells; c++) {
      low[c] = count;
      count += inCell[c];
    }
    return new BinGrid(min, scale, low, edge);
  }
}
