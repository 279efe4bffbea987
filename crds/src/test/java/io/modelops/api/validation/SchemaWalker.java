package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Walks a value along its structural schema, pairing each node with the schema that describes it,
 * its path ({@code spec.release.canary.steps[1].weight}) and, on updates, the old value at the same
 * place. Like the API server, old values are correlated through object fields and map keys only;
 * list items (atomic lists) have no old value, so transition rules under them do not run.
 */
final class SchemaWalker {

  /** Called once per value node that has a schema. */
  interface Visitor {
    void visit(JsonNode schema, JsonNode value, JsonNode oldValue, String path);
  }

  private SchemaWalker() {}

  static void walk(JsonNode schema, JsonNode value, JsonNode oldValue, String path, Visitor v) {
    if (schema == null || value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    v.visit(schema, value, oldValue, path);
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        JsonNode old = oldValue == null ? null : oldValue.get(key);
        if (properties.has(key)) {
          walk(properties.get(key), field.getValue(), old, join(path, key), v);
        } else if (additional.isObject()) {
          walk(additional, field.getValue(), old, path + "[" + key + "]", v);
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), null, path + "[" + i + "]", v);
      }
    }
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
