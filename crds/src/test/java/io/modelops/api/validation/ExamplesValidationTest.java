package io.modelops.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code examples/} must be accepted by the generated CRD: a new example is picked up
 * without touching this test. Each file holds at least one ModelDeployment; documents of kinds that
 * have no CRD here yet are not checked.
 */
class ExamplesValidationTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void examplesDirectoryIsFound() throws IOException {
    assertTrue(examples().count() >= 3, "expected the examples in " + EXAMPLES.toAbsolutePath());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleIsAcceptedByTheCrd(Path file) throws IOException {
    List<JsonNode> docs =
        CrdSchemaValidator.readYamlDocuments(Files.readString(file, StandardCharsets.UTF_8));
    List<JsonNode> modelDeployments =
        docs.stream().filter(d -> ModelDeployment.KIND.equals(d.path("kind").asText())).toList();
    assertFalse(modelDeployments.isEmpty(), file + " holds no ModelDeployment");
    for (JsonNode doc : modelDeployments) {
      assertEquals(
          List.of(),
          CrdSchemaValidator.modelDeployment().validate(doc),
          file + " / " + doc.path("metadata").path("name").asText());
    }
  }
}
