package io.modelops.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats a server-side {@code meta.k8s.io/v1 Table} the way {@code kubectl get} prints it. */
public final class TextTable {

  private TextTable() {}

  /**
   * Formats the table.
   *
   * @param table the Table JSON
   * @param wide include columns with priority above 0 (like {@code -o wide})
   */
  public static String format(JsonNode table, boolean wide) {
    List<Integer> shown = new ArrayList<>();
    List<List<String>> lines = new ArrayList<>();
    List<String> header = new ArrayList<>();
    JsonNode defs = table.path("columnDefinitions");
    for (int i = 0; i < defs.size(); i++) {
      if (wide || defs.get(i).path("priority").asInt() == 0) {
        shown.add(i);
        header.add(defs.get(i).path("name").asText().toUpperCase(Locale.ROOT));
      }
    }
    lines.add(header);
    for (JsonNode row : table.path("rows")) {
      List<String> cells = new ArrayList<>();
      for (int i : shown) {
        JsonNode c = row.path("cells").path(i);
        cells.add(c.isNull() || c.isMissingNode() ? "" : c.asText());
      }
      lines.add(cells);
    }
    if (lines.size() == 1) {
      return "No resources found.\n";
    }
    int[] widths = new int[header.size()];
    for (List<String> l : lines) {
      for (int i = 0; i < l.size(); i++) {
        widths[i] = Math.max(widths[i], l.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> l : lines) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < l.size(); i++) {
        line.append(l.get(i));
        if (i < l.size() - 1) {
          line.append(" ".repeat(widths[i] - l.get(i).length() + 3));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
