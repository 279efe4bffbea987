package io.modelops.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillSchedule;
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
 * without touching this test. Each top-level file holds at least one ModelDeployment; each file in
 * {@code examples/drills/} holds DrillSchedules or DrillRuns, every document checked by its kind.
 */
class ExamplesValidationTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  /** Drill examples live apart, so tools that read every top-level example as a model see none. */
  static final Path DRILL_EXAMPLES = EXAMPLES.resolve("drills");

  static Stream<Path> examples() throws IOException {
    return yamlFiles(EXAMPLES);
  }

  static Stream<Path> drillExamples() throws IOException {
    return yamlFiles(DRILL_EXAMPLES);
  }

  private static Stream<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** The validator for a document's kind, or null for kinds without a CRD here. */
  static CrdSchemaValidator validatorFor(JsonNode doc) {
    return switch (doc.path("kind").asText()) {
      case ModelDeployment.KIND -> CrdSchemaValidator.modelDeployment();
      case DrillSchedule.KIND -> CrdSchemaValidator.drillSchedule();
      case DrillRun.KIND -> CrdSchemaValidator.drillRun();
      default -> null;
    };
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

  @Test
  void drillExamplesCoverBothKinds() throws IOException {
    List<String> kinds = new java.util.ArrayList<>();
    for (Path file : drillExamples().toList()) {
      CrdSchemaValidator.readYamlDocuments(Files.readString(file, StandardCharsets.UTF_8))
          .forEach(d -> kinds.add(d.path("kind").asText()));
    }
    assertTrue(kinds.containsAll(List.of(DrillSchedule.KIND, DrillRun.KIND)), kinds::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drillExamples")
  void drillExampleIsAcceptedByItsCrd(Path file) throws IOException {
    List<JsonNode> docs =
        CrdSchemaValidator.readYamlDocuments(Files.readString(file, StandardCharsets.UTF_8));
    assertFalse(docs.isEmpty(), file + " is empty");
    for (JsonNode doc : docs) {
      CrdSchemaValidator validator = validatorFor(doc);
      assertTrue(validator != null, file + ": no CRD for kind " + doc.path("kind"));
      assertEquals(List.of(), validator.validate(doc), file.toString());
    }
  }
}
