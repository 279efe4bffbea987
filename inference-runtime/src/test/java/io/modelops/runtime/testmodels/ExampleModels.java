package io.modelops.runtime.testmodels;

import io.modelops.runtime.monitor.ProfileBuilder;
import io.modelops.runtime.monitor.ReferenceProfile;
import io.modelops.runtime.monitor.ReferenceProfile.TensorProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the demo models committed in {@code examples/models}: two versions of the {@link
 * CtrRankerModel}, the reference profile of each ({@link #referenceProfile}, for input monitoring)
 * and a {@code SHA256SUMS} file of the models in {@code sha256sum} format (so {@code sha256sum -c
 * SHA256SUMS} checks them). {@link ExampleModelsTest} fails when the committed files drift from
 * what this class makes; refresh them with {@code ./mvnw -pl inference-runtime test
 * -Dtest=ExampleModelsTest -Dexamples.update=true}.
 */
public final class ExampleModels {

  /** Versions shipped as {@code ctr-ranker-<version>.onnx}. */
  public static final List<String> VERSIONS = List.of("2026-11-13", "2026-11-20");

  public static final String CHECKSUMS = "SHA256SUMS";

  private ExampleModels() {}

  /**
   * File name to content, in a stable order: every model, every profile, then {@code SHA256SUMS}.
   */
  public static Map<String, byte[]> generate() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    StringBuilder sums = new StringBuilder();
    for (String version : VERSIONS) {
      String name = fileName(version);
      byte[] bytes = CtrRankerModel.forVersion(version).toBytes();
      files.put(name, bytes);
      sums.append(sha256Hex(bytes)).append("  ").append(name).append('\n');
    }
    for (String version : VERSIONS) {
      files.put(
          profileFileName(version), referenceProfile(CtrRankerModel.forVersion(version)).toBytes());
    }
    files.put(CHECKSUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** Rows of the reference sample a shipped profile is built from. */
  public static final int PROFILE_ROWS = 20_000;

  /** Seed of that sample (the in-distribution traffic of the tests uses other seeds). */
  public static final long PROFILE_SEED = 20261113L;

  /** The profile the runtime finds next to {@code ctr-ranker-<version>.onnx}. */
  public static String profileFileName(String version) {
    return "ctr-ranker-" + version + ".profile.json";
  }

  /**
   * The reference profile of a CTR model: deciles of each {@code dense} feature and of the score
   * over {@link #PROFILE_ROWS} rows of {@link CtrRankerModel#sampleDense} (uniform in [-1, 1)) and
   * {@link CtrRankerModel#sampleIds}, scored by the Java forward pass.
   */
  public static ReferenceProfile referenceProfile(CtrRankerModel model) {
    float[][] dense = CtrRankerModel.sampleDense(PROFILE_ROWS, PROFILE_SEED);
    long[] ids = CtrRankerModel.sampleIds(PROFILE_ROWS, PROFILE_SEED);
    float[] scores = model.score(ids, dense);
    double[] s = new double[scores.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores[i];
    }
    return new ReferenceProfile(
        "ExampleModels: CtrRankerModel "
            + model.version()
            + ", "
            + PROFILE_ROWS
            + " rows of sampleDense/sampleIds seed "
            + PROFILE_SEED,
        PROFILE_ROWS,
        List.of(ProfileBuilder.tensor(CtrRankerModel.DENSE, dense, ProfileBuilder.DEFAULT_BINS)),
        List.of(
            new TensorProfile(
                CtrRankerModel.SCORE,
                List.of(ProfileBuilder.feature(0, s, ProfileBuilder.DEFAULT_BINS)))));
  }

  public static String fileName(String version) {
    return "ctr-ranker-" + version + ".onnx";
  }

  /** Writes every generated file into {@code dir}. */
  public static void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : generate().entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Writes the example models to {@code args[0]} (default {@code ../examples/models}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "../examples/models");
    writeTo(dir);
    System.out.println("wrote " + generate().keySet() + " to " + dir.toAbsolutePath().normalize());
  }
}
