package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders objects as a {@code meta.k8s.io/v1 Table}, the form kubectl asks for with {@code Accept:
 * application/json;as=Table;g=meta.k8s.io;v=v1}.
 */
final class TableRenderer {

  private final ObjectMapper mapper;

  TableRenderer(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Builds the table.
   *
   * @param body a single object or a list ({@code items})
   * @param columns the columns
   * @param includeObject {@code None}, {@code Metadata} (default) or {@code Object}
   */
  ObjectNode render(JsonNode body, List<TableColumn> columns, String includeObject) {
    ObjectNode table = mapper.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = table.putObject("metadata");
    boolean isList = body.has("items") && body.path("items").isArray();
    String rv = body.path("metadata").path("resourceVersion").asText("");
    if (isList && !rv.isEmpty()) {
      meta.put("resourceVersion", rv);
    }
    ArrayNode defs = table.putArray("columnDefinitions");
    for (TableColumn c : columns) {
      ObjectNode d = defs.addObject();
      d.put("name", c.name());
      d.put("type", c.type());
      d.put("format", c.format());
      d.put("description", c.description());
      d.put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    if (isList) {
      body.path("items").forEach(item -> rows.add(row(item, columns, includeObject)));
    } else {
      rows.add(row(body, columns, includeObject));
    }
    return table;
  }

  private ObjectNode row(JsonNode obj, List<TableColumn> columns, String includeObject) {
    ObjectNode row = mapper.createObjectNode();
    ArrayNode cells = row.putArray("cells");
    for (TableColumn c : columns) {
      cells.add(mapper.valueToTree(c.cell().apply(obj)));
    }
    if ("Object".equals(includeObject)) {
      row.set("object", obj);
    } else if (!"None".equals(includeObject)) {
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      ObjectNode m = obj.path("metadata").deepCopy();
      m.remove("managedFields");
      partial.set("metadata", m);
    }
    return row;
  }
}
