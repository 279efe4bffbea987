package io.modelops.api.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelops.api.ModelOpsResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a committed CRD differs from what the generator makes from the Java types.
 * Refresh the committed copies with {@code ./mvnw -pl crds test -Dcrds.update=true}.
 */
class CrdDriftTest {

  /** Where generated CRDs are committed: the crds module itself and the Helm chart. */
  static final List<Path> COMMITTED_DIRS =
      List.of(Path.of(""), Path.of("..", "helm", "modelops-operator", "crds"));

  @Test
  void committedCrdsMatchTheJavaTypes() throws IOException {
    Map<String, String> generated = CrdYamlGenerator.generate(ModelOpsResources.ALL);
    assertFalse(generated.isEmpty(), "the generator produced no CRD");
    boolean update = Boolean.getBoolean("crds.update");
    for (Path dir : COMMITTED_DIRS) {
      for (Map.Entry<String, String> crd : generated.entrySet()) {
        Path file = dir.resolve(crd.getKey());
        if (update) {
          Files.createDirectories(file.toAbsolutePath().getParent());
          Files.writeString(file, crd.getValue(), StandardCharsets.UTF_8);
          continue;
        }
        String committed =
            Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "<missing>";
        assertEquals(
            crd.getValue(),
            committed,
            file
                + " is out of date with the Java API types; run"
                + " ./mvnw -pl crds test -Dcrds.update=true and commit the result");
      }
    }
  }
}
