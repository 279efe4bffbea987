package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a CRD's {@code openAPIV3Schema} (a Kubernetes structural schema) into a plain JSON Schema
 * (draft 4 keywords, as OpenAPI 3.0 uses) with the API server's semantics made explicit:
 *
 * <ul>
 *   <li>unknown fields are errors ({@code additionalProperties: false}), as with {@code kubectl
 *       apply}'s default strict field validation, except under {@code
 *       x-kubernetes-preserve-unknown-fields};
 *   <li>{@code x-kubernetes-int-or-string} accepts an integer or a string;
 *   <li>{@code nullable: true} also accepts {@code null};
 *   <li>{@code format} is removed: Kubernetes formats (duration, int32, ...) are not JSON Schema
 *       formats and are checked by {@link KubernetesFormats} instead;
 *   <li>the root accepts {@code apiVersion}, {@code kind} and {@code metadata}, which the API
 *       server handles itself.
 * </ul>
 *
 * Every {@code pattern} must also compile as RE2, the regular-expression dialect of the API server,
 * so a pattern the API server would refuse (a look-ahead, say) fails here too.
 */
final class JsonSchemaTranslator {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> DROPPED =
      List.of(
          "description",
          "format",
          "nullable",
          "default",
          "example",
          "externalDocs",
          "x-kubernetes-validations",
          "x-kubernetes-int-or-string",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-embedded-resource",
          "x-kubernetes-list-type",
          "x-kubernetes-list-map-keys",
          "x-kubernetes-map-type");

  private JsonSchemaTranslator() {}

  /** Translates the root schema of a custom resource of {@code apiVersion} and {@code kind}. */
  static ObjectNode translateRoot(JsonNode openApiSchema, String apiVersion, String kind) {
    ObjectNode root = translate(openApiSchema, "");
    ObjectNode properties = root.withObject("properties");
    properties.set(
        "apiVersion", JSON.objectNode().put("type", "string").set("enum", array(apiVersion)));
    properties.set("kind", JSON.objectNode().put("type", "string").set("enum", array(kind)));
    properties.set("metadata", JSON.objectNode().put("type", "object"));
    ArrayNode required = root.withArray("required");
    for (String field : List.of("apiVersion", "kind", "metadata")) {
      required.add(field);
    }
    return root;
  }

  private static ObjectNode translate(JsonNode schema, String location) {
    ObjectNode out = schema.deepCopy();
    for (String keyword : DROPPED) {
      out.remove(keyword);
    }
    if (schema.has("pattern")) {
      checkRe2(schema.get("pattern").asText(), location);
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean() && !schema.has("anyOf")) {
      out.set(
          "anyOf",
          JSON.arrayNode()
              .add(JSON.objectNode().put("type", "integer"))
              .add(JSON.objectNode().put("type", "string")));
    }
    if (schema.has("properties")) {
      ObjectNode properties = JSON.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        properties.set(p.getKey(), translate(p.getValue(), location + "." + p.getKey()));
      }
      out.set("properties", properties);
    }
    if (schema.path("additionalProperties").isObject()) {
      out.set(
          "additionalProperties", translate(schema.get("additionalProperties"), location + "[*]"));
    } else if ("object".equals(schema.path("type").asText())
        && !schema.has("additionalProperties")
        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      out.put("additionalProperties", false);
    }
    if (schema.has("items")) {
      out.set("items", translate(schema.get("items"), location + "[*]"));
    }
    for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
      if (schema.has(combinator)) {
        ArrayNode branches = JSON.arrayNode();
        for (JsonNode branch : schema.get(combinator)) {
          branches.add(translate(branch, location));
        }
        out.set(combinator, branches);
      }
    }
    if (schema.has("not")) {
      out.set("not", translate(schema.get("not"), location));
    }
    if (schema.path("nullable").asBoolean()) {
      return JSON.objectNode()
          .set("anyOf", JSON.arrayNode().add(out).add(JSON.objectNode().put("type", "null")));
    }
    return out;
  }

  private static void checkRe2(String pattern, String location) {
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "pattern at "
              + location
              + " is not valid RE2 (the API server would refuse it): "
              + pattern,
          e);
    }
  }

  private static ArrayNode array(String value) {
    return JSON.arrayNode().add(value);
  }
}
