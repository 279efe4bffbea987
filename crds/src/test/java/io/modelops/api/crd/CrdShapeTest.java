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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the committed ModelDeployment CRD must declare besides its schema (see docs/api.md). */
class CrdShapeTest {

  private static JsonNode crd;
  private static JsonNode version;

  @BeforeAll
  static void load() throws IOException {
    crd =
        CrdSchemaValidator.readYaml(
            Files.readString(
                Path.of("modeldeployments.modelops.io-v1.yml"), StandardCharsets.UTF_8));
    version = crd.path("spec").path("versions").get(0);
  }

  @Test
  void namesAndScope() {
    JsonNode names = crd.path("spec").path("names");
    assertEquals("modelops.io", crd.path("spec").path("group").asText());
    assertEquals("Namespaced", crd.path("spec").path("scope").asText());
    assertEquals("ModelDeployment", names.path("kind").asText());
    assertEquals(List.of("md", "mdep"), texts(names.path("shortNames")));
    assertEquals(List.of("modelops"), texts(names.path("categories")));
    assertEquals("v1alpha1", version.path("name").asText());
    assertTrue(version.path("served").asBoolean() && version.path("storage").asBoolean());
  }

  @Test
  void statusSubresource() {
    assertTrue(version.path("subresources").has("status"));
  }

  @Test
  void printerColumnsInKubectlOrder() {
    List<String> columns = new ArrayList<>();
    List<String> wide = new ArrayList<>();
    for (JsonNode c : version.path("additionalPrinterColumns")) {
      (c.path("priority").asInt() == 0 ? columns : wide).add(c.path("name").asText().toUpperCase());
    }
    assertEquals(List.of("MODEL", "STABLE", "CANARY", "WEIGHT", "READY", "PHASE", "AGE"), columns);
    assertEquals(List.of("LAST-DRILL", "VERDICT", "ANALYSIS", "STEP"), wide);
  }

  /**
   * The API server refuses CEL rules whose estimated cost is unbounded, so every list and string of
   * our own spec types is bounded (fabric8's pass-through Kubernetes types are not read by rules).
   */
  @Test
  void everyListAndStringOfTheSpecIsBounded() {
    JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
    List<String> unbounded = new ArrayList<>();
    collectUnbounded(spec, "spec", unbounded);
    assertEquals(List.of(), unbounded);
  }

  private static final Set<String> PASS_THROUGH =
      Set.of("spec.runtime.resources", "spec.runtime.podTemplate");

  static void collectUnbounded(JsonNode schema, String path, List<String> unbounded) {
    if (PASS_THROUGH.contains(path)) {
      return;
    }
    String type = schema.path("type").asText();
    if (type.equals("array") && !schema.has("maxItems")) {
      unbounded.add(path + " (no maxItems)");
    }
    if (type.equals("string") && !schema.has("maxLength") && !schema.has("enum")) {
      unbounded.add(path + " (no maxLength)");
    }
    if (type.equals("object") && schema.has("additionalProperties")) {
      unbounded.add(path + " (map)");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      collectUnbounded(p.getValue(), path + "." + p.getKey(), unbounded);
    }
    if (schema.has("items")) {
      collectUnbounded(schema.get("items"), path + "[*]", unbounded);
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
