package io.modelops.api.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.api.validation.CrdSchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the committed DrillSchedule and DrillRun CRDs must declare besides their schemas. */
class DrillCrdShapeTest {

  static Stream<Arguments> crds() {
    return Stream.of(
        Arguments.of(
            "drillschedules.modelops.io-v1.yml",
            "DrillSchedule",
            List.of("drills"),
            List.of("TARGET", "SCHEDULE", "LAST RUN", "LAST VERDICT", "NEXT RUN", "SUSPENDED")),
        Arguments.of(
            "drillruns.modelops.io-v1.yml",
            "DrillRun",
            List.of("drillrun"),
            List.of("TARGET", "FAULT", "PHASE", "VERDICT", "RTO", "AGE")));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("crds")
  void namesColumnsAndBounds(
      String file, String kind, List<String> shortNames, List<String> columns) throws IOException {
    JsonNode crd =
        CrdSchemaValidator.readYaml(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    JsonNode names = crd.path("spec").path("names");
    JsonNode version = crd.path("spec").path("versions").get(0);
    assertEquals("modelops.io", crd.path("spec").path("group").asText());
    assertEquals("Namespaced", crd.path("spec").path("scope").asText());
    assertEquals(kind, names.path("kind").asText());
    assertEquals(shortNames, CrdShapeTest.texts(names.path("shortNames")));
    assertEquals(List.of("modelops"), CrdShapeTest.texts(names.path("categories")));
    assertEquals("v1alpha1", version.path("name").asText());
    assertTrue(version.path("subresources").has("status"));
    List<String> shown = new ArrayList<>();
    for (JsonNode c : version.path("additionalPrinterColumns")) {
      if (c.path("priority").asInt() == 0) {
        shown.add(c.path("name").asText().toUpperCase());
      }
    }
    assertEquals(columns, shown);
    List<String> unbounded = new ArrayList<>();
    CrdShapeTest.collectUnbounded(
        version.path("schema").path("openAPIV3Schema").path("properties").path("spec"),
        "spec",
        unbounded);
    assertEquals(List.of(), unbounded);
  }
}
