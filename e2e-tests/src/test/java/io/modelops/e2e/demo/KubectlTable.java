package io.modelops.e2e.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses {@code kubectl get} output (header + rows, columns aligned by the header). */
final class KubectlTable {

  private final List<String> headers = new ArrayList<>();
  private final List<Map<String, String>> rows = new ArrayList<>();

  KubectlTable(String output) {
    String[] lines = output.split("\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      return;
    }
    String header = lines[0];
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < header.length(); i++) {
      if (header.charAt(i) != ' ' && (i == 0 || header.charAt(i - 1) == ' ')) {
        starts.add(i);
      }
    }
    for (int c = 0; c < starts.size(); c++) {
      headers.add(cut(header, starts, c));
    }
    for (int l = 1; l < lines.length; l++) {
      if (lines[l].isBlank()) {
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < starts.size(); c++) {
        row.put(headers.get(c), cut(lines[l], starts, c));
      }
      rows.add(row);
    }
  }

  private static String cut(String line, List<Integer> starts, int c) {
    int from = starts.get(c);
    int to = c + 1 < starts.size() ? starts.get(c + 1) : line.length();
    if (from >= line.length()) {
      return "";
    }
    return line.substring(from, Math.min(to, line.length())).trim();
  }

  List<String> headers() {
    return headers;
  }

  List<Map<String, String>> rows() {
    return rows;
  }

  Optional<Map<String, String>> row(String name) {
    return rows.stream().filter(r -> name.equals(r.get("NAME"))).findFirst();
  }
}
