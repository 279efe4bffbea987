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

  final String name;
  final boolean output;
  final Datatype type;
  final int[] column;
  final double[][] edges;
  final double[][] expected;
  final double[] min;
  final double[] max;
  final int[] base;
  final BinGrid[] grid; // per feature, null = binned by binary search

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
    grid = new BinGrid[n];
    int cell = firstCell;
    for (int i = 0; i < n; i++) {
      FeatureProfile f = fs.get(i);
      column[i] = f.index();
      edges[i] = f.edges();
      expected[i] = f.expected();
      min[i] = f.min();
      max[i] = f.max();
      base[i] = cell;
      grid[i] = BinGrid.of(f.edges(), f.min(), f.max(), base[i]);
      cell += f.expected().length + EXTRA;
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
