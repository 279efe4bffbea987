package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON merge patch (RFC 7386) and the part of Kubernetes strategic merge patch that kubectl's
 * client-side apply and {@code kubectl patch} send for built-in kinds.
 *
 * <p>Strategic merge patch here merges lists of objects by the Kubernetes merge keys of the fields
 * the operator's objects use ({@code containers}/{@code env}/{@code volumes} by {@code name},
 * {@code volumeMounts} by {@code mountPath}, {@code ports} by {@code containerPort} or {@code
 * port}, {@code conditions} by {@code type}, {@code ownerReferences} by {@code uid}), honours
 * {@code $patch: delete|replace}, {@code $retainKeys} and {@code $deleteFromPrimitiveList}, ignores
 * {@code $setElementOrder}, and replaces every other list. A real API server reads the merge keys
 * from each type's schema; types outside this table behave like a merge patch.
 */
public final class Patches {

  private static final Map<String, List<String>> MERGE_KEYS =
      Map.of(
          "containers", List.of("name"),
          "initContainers", List.of("name"),
          "ephemeralContainers", List.of("name"),
          "env", List.of("name"),
          "volumes", List.of("name"),
          "imagePullSecrets", List.of("name"),
          "volumeMounts", List.of("mountPath"),
          "ports", List.of("containerPort", "port"),
          "conditions", List.of("type"),
          "ownerReferences", List.of("uid"));

  private Patches() {}

  /** Applies an RFC 7386 JSON merge patch; returns a new node (the target is not modified). */
  public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    patch
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNull()) {
                result.remove(e.getKey());
              } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
              }
            });
    return result;
  }

  /** Applies a strategic merge patch (see the class comment for what is supported). */
  public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
    JsonNode out = smpValue(target, patch);
    return out == null ? JsonNodeFactory.instance.objectNode() : out;
  }

  private static JsonNode smpValue(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    String directive = patch.path("$patch").asText("");
    if ("delete".equals(directive)) {
      return null;
    }
    if ("replace".equals(directive)) {
      ObjectNode copy = ((ObjectNode) patch).deepCopy();
      copy.remove("$patch");
      return copy;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    Set<String> retainKeys = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("$patch") || key.startsWith("$setElementOrder/")) {
        continue;
      }
      if (key.equals("$retainKeys")) {
        retainKeys = new HashSet<>();
        for (JsonNode k : value) {
          retainKeys.add(k.asText());
        }
        continue;
      }
      if (key.startsWith("$deleteFromPrimitiveList/")) {
        deleteFromPrimitiveList(result, key.substring("$deleteFromPrimitiveList/".length()), value);
        continue;
      }
      if (value.isNull()) {
        result.remove(key);
      } else if (value.isArray() && result.path(key).isArray() && MERGE_KEYS.containsKey(key)) {
        result.set(key, mergeList((ArrayNode) result.get(key), (ArrayNode) value, key));
      } else {
        JsonNode merged = smpValue(result.get(key), value);
        if (merged == null) {
          result.remove(key);
        } else {
          result.set(key, merged);
        }
      }
    }
    if (retainKeys != null) {
      Set<String> keep = retainKeys;
      result.retain(keep);
    }
    return result;
  }

  private static void deleteFromPrimitiveList(ObjectNode result, String field, JsonNode values) {
    JsonNode list = result.get(field);
    if (list == null || !list.isArray()) {
      return;
    }
    Set<JsonNode> remove = new HashSet<>();
    values.forEach(remove::add);
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    list.forEach(
        v -> {
          if (!remove.contains(v)) {
            kept.add(v);
          }
        });
    result.set(field, kept);
  }

  private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String field) {
    String key = mergeKey(field, target, patch);
    if (key == null) {
      return patch.deepCopy();
    }
    ArrayNode result = target.deepCopy();
    for (JsonNode p : patch) {
      int idx = indexOf(result, key, p.path(key));
      if ("delete".equals(p.path("$patch").asText(""))) {
        if (idx >= 0) {
          result.remove(idx);
        }
      } else if (idx >= 0) {
        result.set(idx, smpValue(result.get(idx), p));
      } else {
        result.add(smpValue(null, p));
      }
    }
    return result;
  }

  private static String mergeKey(String field, ArrayNode target, ArrayNode patch) {
    for (String candidate : MERGE_KEYS.get(field)) {
      if (allHave(target, candidate) && allHave(patch, candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean allHave(ArrayNode list, String key) {
    for (JsonNode n : list) {
      if (!n.isObject() || !n.has(key)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).path(key).equals(value)) {
        return i;
      }
    }
    return -1;
  }
}
