package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as CEL-Java values (maps, lists, Long, Double, String, Boolean), guided by the schema
 * so an integral JSON number in a {@code number} field becomes a double. Null fields are left out,
 * so {@code has()} is false for them.
 */
final class CelValues {
  private CelValues() {}

  static Object of(JsonNode schema, JsonNode value) {
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      JsonNode properties = schema == null ? null : schema.path("properties");
      JsonNode additional = schema == null ? null : schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getValue().isNull()) {
          continue;
        }
        JsonNode child = null;
        if (properties != null && properties.has(f.getKey())) {
          child = properties.get(f.getKey());
        } else if (additional != null && additional.isObject()) {
          child = additional;
        }
        map.put(f.getKey(), of(child, f.getValue()));
      }
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      JsonNode items = schema == null ? null : schema.get("items");
      for (JsonNode item : value) {
        list.add(of(items, item));
      }
      return list;
    }
    if (value.isIntegralNumber()) {
      boolean isDouble = schema != null && "number".equals(schema.path("type").asText());
      return isDouble ? (Object) value.asDouble() : (Object) value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value.asText();
  }
}
