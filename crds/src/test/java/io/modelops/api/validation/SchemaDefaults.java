package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies structural-schema {@code default}s the way the API server does before validating: a
 * missing property of an object that is present gets its default; absent objects stay absent.
 */
final class SchemaDefaults {

  private SchemaDefaults() {}

  static void apply(JsonNode schema, JsonNode value) {
    if (value == null || schema == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!object.has(p.getKey()) && p.getValue().has("default")) {
          object.set(p.getKey(), p.getValue().get("default").deepCopy());
        }
        apply(p.getValue(), object.get(p.getKey()));
      }
      if (schema.path("additionalProperties").isObject()) {
        object.elements().forEachRemaining(v -> apply(schema.get("additionalProperties"), v));
      }
    } else if (value.isArray() && schema.has("items")) {
      value.elements().forEachRemaining(v -> apply(schema.get("items"), v));
    }
  }
}
