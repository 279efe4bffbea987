package io.modelops.runtime.testmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fails when the committed example models drift from {@link ExampleModels}. Refresh them with
 * {@code ./mvnw -pl inference-runtime test -Dtest=ExampleModelsTest -Dexamples.update=true}.
 */
class ExampleModelsTest {

  static final Path COMMITTED = Path.of("..", "examples", "models");
  private static final String HINT =
      "; run ./mvnw -pl inference-runtime test -Dtest=ExampleModelsTest -Dexamples.update=true"
          + " and commit examples/models";

  @BeforeAll
  static void updateWhenAsked() throws IOException {
    if (Boolean.getBoolean("examples.update")) {
      ExampleModels.writeTo(COMMITTED);
    }
  }

  @Test
  void committedModelsAreWhatTheGeneratorMakes() throws IOException {
    Map<String, byte[]> generated = ExampleModels.generate();
    assertSameFiles(generated, ExampleModels.generate());
    for (Map.Entry<String, byte[]> file : generated.entrySet()) {
      Path path = COMMITTED.resolve(file.getKey());
      assertTrue(Files.exists(path), path + " is missing" + HINT);
      assertArrayEquals(file.getValue(), Files.readAllBytes(path), path + " is out of date" + HINT);
      assertTrue(file.getValue().length < 1_000_000, path + " must stay under 1 MB");
    }
  }

  @Test
  void committedModelsMatchTheirChecksums() throws IOException {
    Map<String, String> sums = parseSums(COMMITTED.resolve(ExampleModels.CHECKSUMS));
    assertEquals(ExampleModels.VERSIONS.size(), sums.size(), "one checksum per model");
    for (String version : ExampleModels.VERSIONS) {
      String name = ExampleModels.fileName(version);
      byte[] bytes = Files.readAllBytes(COMMITTED.resolve(name));
      assertEquals(sums.get(name), ExampleModels.sha256Hex(bytes), name + " vs SHA256SUMS");
    }
  }

  @Test
  void versionsHaveDifferentBytes() {
    Map<String, byte[]> generated = ExampleModels.generate();
    String a = ExampleModels.fileName(ExampleModels.VERSIONS.get(0));
    String b = ExampleModels.fileName(ExampleModels.VERSIONS.get(1));
    assertNotEquals(
        ExampleModels.sha256Hex(generated.get(a)), ExampleModels.sha256Hex(generated.get(b)));
  }

  private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet(), "generation must be deterministic");
    expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k + " is not deterministic"));
  }

  private static Map<String, String> parseSums(Path file) throws IOException {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\\s+\\*?", 2);
      assertEquals(2, parts.length, "malformed SHA256SUMS line: " + line);
      assertTrue(parts[0].matches("[0-9a-f]{64}"), "not a lowercase SHA-256: " + parts[0]);
      sums.put(parts[1], parts[0]);
    }
    return sums;
  }
}
