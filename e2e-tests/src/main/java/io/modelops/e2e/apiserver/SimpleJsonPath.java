package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Kubernetes JSONPath that CRD printer columns use: {@code .a.b}, {@code .a['b.c']},
 * {@code .a[0]}, optionally wrapped in {@code {}}. Anything else is rejected when compiled, so a
 * CRD with an unsupported column fails loudly rather than printing wrong values.
 */
public final class SimpleJsonPath {

  private final List<Object> steps;

  private SimpleJsonPath(List<Object> steps) {
    this.steps = steps;
  }

  /** Compiles a printer-column path. */
  public static SimpleJsonPath compile(String expression) {
    String p = expression.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1).trim();
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<Object> steps = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("empty field name in JSONPath " + expression);
        }
        steps.add(p.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ in JSONPath " + expression);
        }
        String inner = p.substring(i + 1, close).trim();
        if ((inner.startsWith("'") && inner.endsWith("'"))
            || (inner.startsWith("\"") && inner.endsWith("\""))) {
          steps.add(inner.substring(1, inner.length() - 1));
        } else if (inner.matches("\\d+")) {
          steps.add(Integer.valueOf(inner));
        } else {
          throw new IllegalArgumentException(
              "unsupported JSONPath selector [" + inner + "] in " + expression);
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException(
            "unsupported JSONPath " + expression + " (expected .field, ['field'] or [index])");
      }
    }
    return new SimpleJsonPath(List.copyOf(steps));
  }

  /** The node at this path, or a missing node. */
  public JsonNode read(JsonNode root) {
    JsonNode n = root;
    for (Object step : steps) {
      if (n == null || n.isMissingNode() || n.isNull()) {
        return MissingNode.getInstance();
      }
      n = step instanceof Integer idx ? n.path(idx) : n.path((String) step);
    }
    return n == null ? MissingNode.getInstance() : n;
  }
}
