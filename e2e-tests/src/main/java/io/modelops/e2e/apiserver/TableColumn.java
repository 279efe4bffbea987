package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * One column of a server-side {@code meta.k8s.io/v1 Table}.
 *
 * @param name header (kubectl upper-cases it)
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param format {@code name} for the name column, otherwise empty
 * @param description column description
 * @param priority 0 = always shown, higher = only with {@code -o wide}
 * @param cell computes the cell from the object: a String, Number, Boolean or null
 */
public record TableColumn(
    String name,
    String type,
    String format,
    String description,
    int priority,
    Function<JsonNode, Object> cell) {

  static TableColumn of(String name, Function<JsonNode, Object> cell) {
    return new TableColumn(name, "string", "", name, 0, cell);
  }

  static TableColumn wide(String name, Function<JsonNode, Object> cell) {
    return new TableColumn(name, "string", "", name, 1, cell);
  }

  static TableColumn integer(String name, Function<JsonNode, Object> cell) {
    return new TableColumn(name, "integer", "", name, 0, cell);
  }
}
