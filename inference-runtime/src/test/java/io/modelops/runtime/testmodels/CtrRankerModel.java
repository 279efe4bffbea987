package io.modelops.runtime.testmodels;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * A small click-through-rate ranker built as a real ONNX model, with a plain-Java forward pass to
 * check any server's answers against.
 *
 * <pre>
 * item_ids int64 [N] -> Mod(numItems) -> Gather(embedding [numItems, 16]) -> [N, 16]
 * Concat(embedding, dense float [N, 8])                                   -> [N, 24]
 * Gemm(W1 [24, 32], b1) -> Relu -> Gemm(W2 [32, 1], b2) -> Sigmoid        -> score float [N, 1]
 * </pre>
 *
 * <p>Item ids are hashed into the table with a non-negative modulus (the "hashing trick"), so every
 * int64 id is valid. {@code N} is a dynamic dimension. All weights come from {@link Random} seeded
 * with {@link #seed()}, so a model is fully determined by its seed and two seeds (two "versions")
 * give different scores for the same input.
 */
public final class CtrRankerModel {

  public static final String ITEM_IDS = "item_ids";
  public static final String DENSE = "dense";
  public static final String SCORE = "score";

  /** Width of the {@code dense} input. */
  public static final int DENSE_DIM = 8;

  /** Rows of the embedding table; ids are taken modulo this. */
  public static final int NUM_ITEMS = 1024;

  public static final int EMBEDDING_DIM = 16;
  public static final int HIDDEN_DIM = 32;

  private static final int CONCAT_DIM = EMBEDDING_DIM + DENSE_DIM;

  /**
   * Width of each of the two hidden layers of {@link #heavy(String)}: one 4096x4096 {@code Gemm}
   * (64 MiB of weights), twice the 32 MiB L3 cache of the development machine, so that a single-row
   * run streams every weight from memory while a batch reuses each weight for all of its rows (see
   * docs/benchmarks.md, "Batching that pays").
   */
  public static final int HEAVY_HIDDEN_DIM = 4096;

  /** Most hidden layers {@link #heavy(String, int...)} accepts. */
  public static final int MAX_HEAVY_LAYERS = 8;

  /** Widest hidden layer {@link #heavy(String, int...)} accepts (a 8192x8192 layer is 256 MiB). */
  public static final int MAX_HEAVY_WIDTH = 8192;

  /** Most weights {@link #heavy(String, int...)} accepts in all: 1 GiB of floats. */
  public static final long MAX_HEAVY_WEIGHTS = 1L << 28;

  private final String version;
  private final long seed;
  private final float[] embedding; // [NUM_ITEMS][EMBEDDING_DIM], row-major
  private final int[] widths; // layer widths: CONCAT_DIM, hidden..., 1
  private final float[][] weights; // per layer: [widths[i]][widths[i + 1]], row-major
  private final float[][] biases; // per layer: [widths[i + 1]]

  private CtrRankerModel(String version, long seed, int... hidden) {
    this.version = version;
    this.seed = seed;
    Random random = new Random(seed);
    this.embedding = uniform(random, NUM_ITEMS * EMBEDDING_DIM, 0.5f);
    this.widths = new int[hidden.length + 2];
    widths[0] = CONCAT_DIM;
    System.arraycopy(hidden, 0, widths, 1, hidden.length);
    widths[widths.length - 1] = 1;
    this.weights = new float[widths.length - 1][];
    this.biases = new float[widths.length - 1][];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = uniform(random, widths[i] * widths[i + 1], glorot(widths[i], widths[i + 1]));
      biases[i] = uniform(random, widths[i + 1], 0.1f);
    }
  }

  private CtrRankerModel(String version, long seed) {
    this(version, seed, HIDDEN_DIM);
  }

  /** A model whose weights come from {@code seed}; its version string is the seed. */
  public static CtrRankerModel withSeed(long seed) {
    return new CtrRankerModel(Long.toString(seed), seed);
  }

  /**
   * The heavy variant for benchmarks with the default hidden layers ({@link #HEAVY_HIDDEN_DIM}
   * wide, two of them); see {@link #heavy(String, int...)}.
   */
  public static CtrRankerModel heavy(String version) {
    return heavy(version, HEAVY_HIDDEN_DIM, HEAVY_HIDDEN_DIM);
  }

  /**
   * A heavy variant for benchmarks: the same inputs and output, with the given hidden layers
   * instead of one 32-wide layer, so that {@code session.run} dominates the cost of a request and
   * batching can pay. Weights are generated (from a hash of {@code version}), not committed.
   *
   * @param hidden widths of the hidden layers, 1 to {@link #MAX_HEAVY_LAYERS} of them, each 1 to
   *     {@link #MAX_HEAVY_WIDTH}
   */
  public static CtrRankerModel heavy(String version, int... hidden) {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
    if (hidden.length < 1 || hidden.length > MAX_HEAVY_LAYERS) {
      throw new IllegalArgumentException(
          "a heavy model needs 1 to " + MAX_HEAVY_LAYERS + " hidden layers, got " + hidden.length);
    }
    long weights = 0;
    int previous = CONCAT_DIM;
    for (int width : hidden) {
      if (width < 1 || width > MAX_HEAVY_WIDTH) {
        throw new IllegalArgumentException(
            "hidden layer width must be 1 to " + MAX_HEAVY_WIDTH + ", got " + width);
      }
      weights += (long) previous * width;
      previous = width;
    }
    if (weights > MAX_HEAVY_WEIGHTS) {
      throw new IllegalArgumentException(
          "hidden layers "
              + Arrays.toString(hidden)
              + " need "
              + weights
              + " weights, more than "
              + MAX_HEAVY_WEIGHTS
              + " (1 GiB of floats; an ONNX file is at most 2 GB)");
    }
    return new CtrRankerModel(version, fnv1a64(version), hidden.clone());
  }

  /** Widths of the hidden layers, input side first. */
  public int[] hiddenWidths() {
    return Arrays.copyOfRange(widths, 1, widths.length - 1);
  }

  /**
   * A model for a named version (for example {@code "2026-11-13"}); the seed is a stable 64-bit
   * hash of the name, so the same name always gives the same bytes and different names differ.
   */
  public static CtrRankerModel forVersion(String version) {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
    return new CtrRankerModel(version, fnv1a64(version));
  }

  public String version() {
    return version;
  }

  public long seed() {
    return seed;
  }

  /** The serialised ONNX model (deterministic for a given seed and version). */
  public byte[] toBytes() {
    OnnxGraphBuilder g =
        new OnnxGraphBuilder("ctr_ranker")
            .input(ITEM_IDS, DataType.INT64, "N")
            .input(DENSE, DataType.FLOAT, "N", (long) DENSE_DIM)
            .output(SCORE, DataType.FLOAT, "N", 1L)
            .longInitializer("num_items", new long[] {NUM_ITEMS})
            .floatInitializer("embedding", embedding, NUM_ITEMS, EMBEDDING_DIM);
    g.node(
            "Mod",
            new String[] {ITEM_IDS, "num_items"},
            new String[] {"bucket"},
            OnnxGraphBuilder.intAttr("fmod", 0))
        .node(
            "Gather",
            new String[] {"embedding", "bucket"},
            new String[] {"item_vec"},
            OnnxGraphBuilder.intAttr("axis", 0))
        .node(
            "Concat",
            new String[] {"item_vec", DENSE},
            new String[] {"features"},
            OnnxGraphBuilder.intAttr("axis", 1));
    String in = "features";
    for (int i = 0; i < weights.length; i++) {
      String n = Integer.toString(i + 1);
      String suffix = i == 0 ? "" : n;
      g.floatInitializer("w" + n, weights[i], widths[i], widths[i + 1])
          .floatInitializer("b" + n, biases[i], widths[i + 1]);
      if (i < weights.length - 1) {
        g.node("Gemm", "hidden_pre" + suffix, in, "w" + n, "b" + n)
            .node("Relu", "hidden" + suffix, "hidden_pre" + suffix);
        in = "hidden" + suffix;
      } else {
        g.node("Gemm", "logit", in, "w" + n, "b" + n).node("Sigmoid", SCORE, "logit");
      }
    }
    g.metadata("modelops.version", version).metadata("modelops.seed", Long.toString(seed));
    return g.toBytes(
        "1", seed, "CTR ranker test model (version " + version + ", seed " + seed + ")");
  }

  /** Writes {@link #toBytes()} to {@code path}, creating parent directories; returns the path. */
  public Path writeTo(Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(path, toBytes());
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model to " + path, e);
    }
  }

  /**
   * Plain-Java forward pass: one score per row, in float arithmetic like the ONNX graph.
   *
   * @param ids item ids, one per row (any int64)
   * @param dense {@code ids.length} rows of {@link #DENSE_DIM} features
   */
  public float[] score(long[] ids, float[][] dense) {
    if (ids.length != dense.length) {
      throw new IllegalArgumentException(
          "ids has " + ids.length + " rows but dense has " + dense.length);
    }
    float[] scores = new float[ids.length];
    for (int row = 0; row < ids.length; row++) {
      if (dense[row].length != DENSE_DIM) {
        throw new IllegalArgumentException(
            "dense row " + row + " has " + dense[row].length + " values, expected " + DENSE_DIM);
      }
      float[] x = new float[CONCAT_DIM];
      int bucket = (int) Math.floorMod(ids[row], (long) NUM_ITEMS);
      System.arraycopy(embedding, bucket * EMBEDDING_DIM, x, 0, EMBEDDING_DIM);
      System.arraycopy(dense[row], 0, x, EMBEDDING_DIM, DENSE_DIM);
      for (int layer = 0; layer < weights.length; layer++) {
        int out = widths[layer + 1];
        float[] y = new float[out];
        for (int h = 0; h < out; h++) {
          float acc = 0f;
          for (int k = 0; k < x.length; k++) {
            acc += x[k] * weights[layer][k * out + h];
          }
          acc += biases[layer][h];
          y[h] = layer < weights.length - 1 ? Math.max(0f, acc) : acc;
        }
        x = y;
      }
      scores[row] = (float) (1.0 / (1.0 + Math.exp(-x[0])));
    }
    return scores;
  }

  /** {@code n} deterministic item ids (spread over the whole int64 range, negatives included). */
  public static long[] sampleIds(int n, long seed) {
    Random random = new Random(seed);
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = random.nextLong();
    }
    return ids;
  }

  /** {@code n} deterministic rows of dense features in [-1, 1). */
  public static float[][] sampleDense(int n, long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    float[][] dense = new float[n][DENSE_DIM];
    for (float[] row : dense) {
      for (int j = 0; j < DENSE_DIM; j++) {
        row[j] = random.nextFloat() * 2f - 1f;
      }
    }
    return dense;
  }

  private static float[] uniform(Random random, int n, float limit) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (random.nextFloat() * 2f - 1f) * limit;
    }
    return values;
  }

  private static float glorot(int fanIn, int fanOut) {
    return (float) Math.sqrt(6.0 / (fanIn + fanOut));
  }

  private static long fnv1a64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
