package io.modelops.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recorder's counts (bins, out-of-range, NaN, ±Inf) and the PSI made of them against a
 * straightforward reference (a linear scan over the edges per value) on random profiles and random
 * data with the awkward values mixed in: exactly on an edge and one float either side, -0.0,
 * subnormals, NaN, ±Inf, the training min and max themselves, beyond them, ±MAX_VALUE. Every
 * reading path is covered: FP32 rows copied whole (several chunks), FP32 columns gathered from wide
 * rows, FP64, FP16, features with and without a {@link BinGrid}, big-endian and heap buffers with a
 * non-zero position.
 */
class RecorderReferenceTest {

  private static final int DENSE = 8;
  private static final int WIDE = 40;

  /** dense [N, 8] FP32, wide [N, 40] FP32, d [N, 3] FP64, h [N, 2] FP16; score [N, 1] FP32. */
  private static final ModelSignature SIGNATURE =
      new ModelSignature(
          List.of(
              new TensorSpec("dense", Datatype.FP32, new long[] {-1, DENSE}),
              new TensorSpec("wide", Datatype.FP32, new long[] {-1, WIDE}),
              new TensorSpec("d", Datatype.FP64, new long[] {-1, 3}),
              new TensorSpec("h", Datatype.FP16, new long[] {-1, 2})),
          List.of(new TensorSpec("score", Datatype.FP32, new long[] {-1, 1})));

  @Test
  void countsAndPsiMatchAStraightforwardReferenceOnRandomProfilesAndData() {
    Random random = new Random(20261202);
    int gridded = 0;
    int notGridded = 0;
    for (int round = 0; round < 12; round++) {
      List<FeatureProfile> dense = new ArrayList<>();
      for (int c = 0; c < DENSE; c++) {
        dense.add(randomFeature(random, c, round + c));
      }
      List<FeatureProfile> wide =
          List.of(randomFeature(random, 3, round), randomFeature(random, WIDE - 1, round + 3));
      List<FeatureProfile> d =
          List.of(randomFeature(random, 0, round), randomFeature(random, 2, 1));
      List<FeatureProfile> h = List.of(randomFeature(random, 1, round + 5));
      List<FeatureProfile> score = List.of(randomFeature(random, 0, round + 2));
      ReferenceProfile profile =
          new ReferenceProfile(
              "r",
              1,
              List.of(
                  new TensorProfile("dense", dense),
                  new TensorProfile("wide", wide),
                  new TensorProfile("d", d),
                  new TensorProfile("h", h)),
              List.of(new TensorProfile("score", score)));
      InputMonitor m = InputMonitor.create(profile, SIGNATURE, () -> 0L, Duration.ofMinutes(1), 3);
      Recorder r = m.recorder();
      // rows: more than one bulk chunk of the dense input (4096 / 8 = 512 rows), a batch-sized one
      // and of the gathered wide columns (4096 rows)
      int rows = round % 6 == 0 ? 4500 : round % 3 == 0 ? 1300 : 64;
      double[][] denseValues = values(random, dense, rows, DENSE);
      double[][] wideValues = values(random, wide, rows, WIDE);
      double[][] dValues = values(random, d, rows, 3);
      double[][] hValues = values(random, h, rows, 2);
      for (double[] row : hValues) {
        for (int i = 0; i < row.length; i++) {
          row[i] = Fp16.toFloat(Fp16.fromFloat((float) row[i])); // what FP16 can hold
        }
      }
      double[][] scoreValues = values(random, score, rows, 1);
      r.input(0, buffer(denseValues, Datatype.FP32, round), rows);
      r.input(1, buffer(wideValues, Datatype.FP32, round + 1), rows);
      r.input(2, buffer(dValues, Datatype.FP64, round), rows);
      r.input(3, buffer(hValues, Datatype.FP16, round), rows);
      r.output("score", buffer(scoreValues, Datatype.FP32, round + 1), rows);
      r.flush();

      long[] w = m.windowCounts();
      check(m, w, tracked(m, "dense"), dense, denseValues, round);
      check(m, w, tracked(m, "wide"), wide, wideValues, round);
      check(m, w, tracked(m, "d"), d, dValues, round);
      check(m, w, tracked(m, "h"), h, hValues, round);
      check(m, w, tracked(m, "score"), score, scoreValues, round);
      for (TrackedTensor t : m.tracked()) {
        for (BinGrid g : t.grid) {
          if (t.type == Datatype.FP32) {
            gridded += g == null ? 0 : 1;
            notGridded += g == null ? 1 : 0;
          }
        }
      }
    }
    assertTrue(
        gridded > 20 && notGridded > 5, gridded + " with a grid, " + notGridded + " without");
  }

  @Test
  void gridIsBuiltForQuantileEdgesAndLeftOutWhereItCannotBeExact() {
    double[] deciles = {-0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8};
    BinGrid g = BinGrid.of(deciles, -1, 1, 7);
    assertNotNull(g);
    // every cell holds at most one edge: bin counters start at 7, the last bin is 7 + 9
    assertEquals(7, g.low[0]);
    assertEquals(7 + deciles.length, g.low[g.cell(1)] + (1 >= g.edge[g.cell(1)] ? 1 : 0));
    assertNull(BinGrid.of(deciles, 0.5, 0.5, 0), "empty range");
    assertNull(BinGrid.of(deciles, -1, Double.POSITIVE_INFINITY, 0), "infinite range");
    assertNull(BinGrid.of(deciles, -Double.MAX_VALUE, Double.MAX_VALUE, 0), "range overflows");
    assertNull(
        BinGrid.of(new double[] {0, 1e-9}, -1, 1, 0), "edges closer than the finest grid cell");
    assertNotNull(BinGrid.of(new double[] {}, -1, 1, 0), "no edges: one bin");
    assertNotNull(BinGrid.of(new double[] {-5, 9}, -1, 1, 0), "edges outside the range");
  }

  /**
   * A feature with random edges of one of several kinds: floats (values can sit exactly on them),
   * doubles between floats, 0 among them, a cluster closer than any grid resolves (no grid), edges
   * outside [min, max], a single edge; min and max sometimes equal.
   */
  private static FeatureProfile randomFeature(Random random, int index, int kind) {
    double min = -1 - random.nextInt(3);
    double max = 1 + random.nextDouble() * 4;
    List<Double> edges = new ArrayList<>();
    switch (kind % 6) {
      case 0 -> { // float edges, 0 included
        for (int i = 0; i < 9; i++) {
          edges.add((double) (float) (min + random.nextDouble() * (max - min)));
        }
        edges.add(0.0);
      }
      case 1 -> { // doubles between floats
        for (int i = 0; i < 9; i++) {
          edges.add(min + random.nextDouble() * (max - min));
        }
      }
      case 2 -> { // a cluster of edges a few floats apart: too close for any grid
        float at = (float) (random.nextDouble() * 0.5);
        for (int i = 0; i < 4; i++) {
          edges.add((double) at);
          at = Math.nextUp(at);
        }
        edges.add(-0.75);
      }
      case 3 -> { // edges beyond the training range on both sides
        edges.addAll(List.of(min - 1, min - 0.5, 0.125, max + 0.5));
      }
      case 4 -> { // a single edge, min == max sometimes
        edges.add(0.0);
        if (random.nextBoolean()) {
          min = 0;
          max = 0;
        }
      }
      default -> { // subnormal and tiny edges around 0
        edges.addAll(List.of(-(double) Float.MIN_NORMAL, -0.0, (double) Float.MIN_VALUE, 1e-30));
      }
    }
    double[] e = edges.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
    double[] expected = new double[e.length + 1];
    Arrays.fill(expected, 1.0 / expected.length);
    return new FeatureProfile(index, min, max, e, expected);
  }

  /** {@code rows} rows of {@code width} values, monitored columns drawn from awkward values. */
  private static double[][] values(Random random, List<FeatureProfile> fs, int rows, int width) {
    double[][] v = new double[rows][width];
    for (double[] row : v) {
      for (int c = 0; c < width; c++) {
        row[c] = random.nextGaussian();
      }
      for (FeatureProfile f : fs) {
        row[f.index()] = awkward(random, f);
      }
    }
    return v;
  }

  private static double awkward(Random random, FeatureProfile f) {
    double[] e = f.edges();
    float edge = e.length == 0 ? 0 : (float) e[random.nextInt(e.length)];
    return switch (random.nextInt(16)) {
      case 0 -> edge;
      case 1 -> Math.nextUp(edge);
      case 2 -> Math.nextDown(edge);
      case 3 -> -0.0f;
      case 4 -> random.nextBoolean() ? Float.MIN_VALUE : -Float.MIN_NORMAL / 3;
      case 5 -> random.nextInt(4) == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
      case 6 -> Float.POSITIVE_INFINITY;
      case 7 -> random.nextBoolean() ? (float) f.min() : (float) f.max();
      case 8 ->
          random.nextBoolean() ? Math.nextDown((float) f.min()) : Math.nextUp((float) f.max());
      case 9 -> random.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
      case 10 -> (float) (f.min() - 1 - random.nextDouble() * 3);
      case 11 -> (float) (f.max() + random.nextDouble() * 3);
      default -> (float) (f.min() + random.nextDouble() * (f.max() - f.min()));
    };
  }

  /**
   * Little-endian bytes of the values; varied by {@code variant}: direct or heap, a non-zero
   * position, and (for odd variants) big-endian order set on a buffer whose bytes are
   * little-endian.
   */
  private static ByteBuffer buffer(double[][] rows, Datatype type, int variant) {
    int size = type.byteSize();
    int offset = variant % 2 == 0 ? 0 : 12;
    int bytes = offset + rows.length * rows[0].length * size;
    ByteBuffer b =
        (variant % 4 < 2 ? ByteBuffer.allocateDirect(bytes) : ByteBuffer.allocate(bytes))
            .order(ByteOrder.LITTLE_ENDIAN);
    b.position(offset);
    for (double[] row : rows) {
      for (double v : row) {
        switch (type) {
          case FP32 -> b.putFloat((float) v);
          case FP64 -> b.putDouble(v);
          default -> b.putShort(Fp16.fromFloat((float) v));
        }
      }
    }
    b.position(offset);
    return variant % 2 == 1 ? b.order(ByteOrder.BIG_ENDIAN) : b;
  }

  private static TrackedTensor tracked(InputMonitor m, String name) {
    return m.tracked().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static void check(
      InputMonitor m,
      long[] window,
      TrackedTensor t,
      List<FeatureProfile> fs,
      double[][] values,
      int round) {
    for (int f = 0; f < fs.size(); f++) {
      FeatureProfile p = fs.get(f);
      long[] want = reference(p, values, p.index());
      int from = t.base[f];
      long[] got = Arrays.copyOfRange(window, from, from + want.length);
      String what =
          t.name() + " feature " + f + " (round " + round + (t.grid[f] == null ? ")" : ", grid)");
      assertArrayEquals(want, got, what);
      assertEquals(referencePsi(want, p.expected()), m.psi(t, f), 1e-12, what);
      assertEquals(want[p.edges().length + 1 + TrackedTensor.BELOW], m.total(t, f, 0), what);
    }
  }

  /** Bins then BELOW, ABOVE, NAN, INF: a linear scan, one value at a time. */
  private static long[] reference(FeatureProfile p, double[][] values, int column) {
    double[] edges = p.edges();
    long[] c = new long[edges.length + 1 + TrackedTensor.EXTRA];
    int extra = edges.length + 1;
    for (double[] row : values) {
      double v = row[column];
      if (Double.isNaN(v)) {
        c[extra + TrackedTensor.NAN]++;
      } else if (Double.isInfinite(v)) {
        c[extra + TrackedTensor.INF]++;
      } else {
        int bin = 0;
        for (double e : edges) {
          if (e <= v) {
            bin++;
          }
        }
        c[bin]++;
        if (v < p.min()) {
          c[extra + TrackedTensor.BELOW]++;
        }
        if (v > p.max()) {
          c[extra + TrackedTensor.ABOVE]++;
        }
      }
    }
    return c;
  }

  private static double referencePsi(long[] counts, double[] expected) {
    long total = 0;
    for (int i = 0; i < expected.length; i++) {
      total += counts[i];
    }
    double psi = 0;
    for (int i = 0; i < expected.length; i++) {
      double a = Math.max(Psi.EPSILON, (double) counts[i] / total);
      double e = Math.max(Psi.EPSILON, expected[i]);
      psi += (a - e) * Math.log(a / e);
    }
    return total == 0 ? Double.NaN : psi;
  }
}
