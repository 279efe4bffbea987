package io.modelops.runtime.monitor;

import io.modelops.runtime.monitor.ReferenceProfile.FeatureProfile;
import io.modelops.runtime.protocol.Datatype;
import java.util.List;

/**
 * One monitored tensor of an {@link InputMonitor}: which columns, their reference bins, and where
 * their counter cells start. A feature owns {@code bins + EXTRA} consecutive cells: one per bin,
 * then the out-of-range and NaN/Inf counters.
 */
public final class TrackedTensor {
  /** Cells after a feature's bins. */
  public static final int BELOW = 0;

  static final int ABOVE = 1;
  static final int NAN = 2;
  static final int INF = 3;
  static final int EXTRA = 4;

  /**
   * Cells of the lookup grid between a feature's first and last edge: a value's grid cell gives its
   * bin up to the one or two edges inside that cell, which are then checked directly.
   */
  static final int GRID = 256;

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

  TrackedTensor(
      String name, boolean output, Datatype type, List<FeatureProfile> fs, int firstCell) {
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
