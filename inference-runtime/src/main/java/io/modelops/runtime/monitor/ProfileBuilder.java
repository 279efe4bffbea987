package io.modelops.runtime.monitor;

import io.modelops.runtime.monitor.ReferenceProfile.FeatureProfile;
import io.modelops.runtime.monitor.ReferenceProfile.TensorProfile;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link FeatureProfile} from sample values (training or validation data) by quantiles:
 * the cut points are the sample's {@code 1/bins, 2/bins, …} quantiles (rounded to the 6 significant
 * digits the file keeps, duplicates dropped, so a feature with few distinct values gets fewer
 * bins), and the expected proportions are what share of the sample actually falls into each bin
 * under the runtime's own binning rule, so the profile's sample scores a PSI of exactly 0.
 */
public final class ProfileBuilder {
  /** Default bin count: deciles. */
  public static final int DEFAULT_BINS = 10;

  private ProfileBuilder() {}

  /** A profile of one feature from its sample values; NaN and infinite values are ignored. */
  public static FeatureProfile feature(int index, double[] sample, int bins) {
    if (bins < 2 || bins > ReferenceProfile.MAX_BINS) {
      throw new IllegalArgumentException(
          "bins must be 2.." + ReferenceProfile.MAX_BINS + ", got " + bins);
    }
    double[] v = Arrays.stream(sample).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      throw new IllegalArgumentException("feature " + index + " has no finite sample value");
    }
    double[] cuts = new double[bins - 1];
    int n = 0;
    for (int q = 1; q < bins; q++) {
      double edge = ReferenceProfile.rounded(v[(int) ((long) q * v.length / bins)]);
      if (n == 0 || edge > cuts[n - 1]) {
        cuts[n++] = edge;
      }
    }
    double[] edges = Arrays.copyOf(cuts, n);
    long[] counts = new long[n + 1];
    for (double x : v) {
      counts[Psi.bin(edges, x)]++;
    }
    double[] expected = new double[n + 1];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = ReferenceProfile.rounded(counts[i] / (double) v.length);
    }
    // the minimum rounded down and the maximum rounded up, so no sample value is out of range
    double min = directed(v[0], RoundingMode.FLOOR);
    double max = directed(v[v.length - 1], RoundingMode.CEILING);
    return new FeatureProfile(index, min, max, edges, expected);
  }

  private static double directed(double v, RoundingMode mode) {
    return new BigDecimal(v).round(new MathContext(6, mode)).doubleValue();
  }

  /** A tensor profile of every column of {@code rows} ({@code [rows][features]}). */
  public static TensorProfile tensor(String name, float[][] rows, int bins) {
    if (rows.length == 0) {
      throw new IllegalArgumentException(name + ": no sample rows");
    }
    List<FeatureProfile> features = new ArrayList<>();
    for (int f = 0; f < rows[0].length; f++) {
      features.add(feature(f, column(rows, f), bins));
    }
    return new TensorProfile(name, List.copyOf(features));
  }

  /**
   * Command line: {@code ProfileBuilder <input-name> <input.csv> [<output-name> <output.csv>]}
   * writes a profile to standard output. Each CSV line is one sample row (comma-separated numbers,
   * {@code NaN} allowed, a first line that is not numeric is taken as a header and skipped); for
   * the output only the first column is used (the score).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2 && args.length != 4) {
      System.err.println(
          "usage: ProfileBuilder <input-name> <input.csv> [<output-name> <output.csv>]");
      System.exit(2);
    }
    float[][] in = readCsv(Path.of(args[1]));
    List<TensorProfile> outputs = new ArrayList<>();
    if (args.length == 4) {
      float[][] out = readCsv(Path.of(args[3]));
      outputs.add(new TensorProfile(args[2], List.of(feature(0, column(out, 0), DEFAULT_BINS))));
    }
    ReferenceProfile p =
        new ReferenceProfile(
            args[1], in.length, List.of(tensor(args[0], in, DEFAULT_BINS)), outputs);
    System.out.print(p.toJson());
  }

  static float[][] readCsv(Path file) throws IOException {
    List<float[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(",");
      float[] row = new float[parts.length];
      try {
        for (int i = 0; i < parts.length; i++) {
          row[i] = Float.parseFloat(parts[i].trim());
        }
      } catch (NumberFormatException e) {
        if (rows.isEmpty()) {
          continue; // header
        }
        throw new IllegalArgumentException(file + ": not a number in line " + (rows.size() + 1));
      }
      rows.add(row);
    }
    return rows.toArray(new float[0][]);
  }

  /** Column {@code index} of row-major {@code rows}. */
  public static double[] column(float[][] rows, int index) {
    double[] c = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      c[i] = rows[i][index];
    }
    return c;
  }
}
