package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small edits of a resource tree by field path ({@code spec.release.canary.steps[1].weight}), for
 * tables of test cases: {@code set(path, yaml)} parses the value as YAML ({@code "-1"}, {@code
 * "[{weight: 50}]"}), {@code remove(path)} deletes the field.
 */
public final class YamlEdit {

  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private YamlEdit() {}

  /** An edit that sets {@code path} to the YAML value {@code yaml}, creating objects on the way. */
  public static UnaryOperator<JsonNode> set(String path, String yaml) {
    return doc -> {
      JsonNode copy = doc.deepCopy();
      List<Object> segments = parse(path);
      JsonNode parent = walk(copy, segments.subList(0, segments.size() - 1), true);
      Object last = segments.get(segments.size() - 1);
      JsonNode value = CrdSchemaValidator.readYaml(yaml);
      if (last instanceof Integer i) {
        ((ArrayNode) parent).set(i, value);
      } else {
        ((ObjectNode) parent).set((String) last, value);
      }
      return copy;
    };
  }

  /** An edit that removes {@code path}. */
  public static UnaryOperator<JsonNode> remove(String path) {
    return doc -> {
      JsonNode copy = doc.deepCopy();
      List<Object> segments = parse(path);
      JsonNode parent = walk(copy, segments.subList(0, segments.size() - 1), false);
      Object last = segments.get(segments.size() - 1);
      if (last instanceof Integer i) {
        ((ArrayNode) parent).remove(i);
      } else {
        ((ObjectNode) parent).remove((String) last);
      }
      return copy;
    };
  }

  private static JsonNode walk(JsonNode node, List<Object> segments, boolean create) {
    for (Object s : segments) {
      if (s instanceof Integer i) {
        node = node.get(i);
      } else if (create && !node.has((String) s)) {
        node = ((ObjectNode) node).putObject((String) s);
      } else {
        node = node.get((String) s);
      }
      if (node == null) {
        throw new IllegalArgumentException("no " + s + " in the document");
      }
    }
    return node;
  }

  private static List<Object> parse(String path) {
    List<Object> segments = new ArrayList<>();
    Matcher m = SEGMENT.matcher(path);
    while (m.find()) {
      segments.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
    }
    return segments;
  }
}
