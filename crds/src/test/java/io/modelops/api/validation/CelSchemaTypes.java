package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CEL types for the nodes of a structural schema, declared the way the API server declares them for
 * {@code self}: an object with properties is a struct (so a rule naming an unknown field fails to
 * compile, as it fails at {@code kubectl apply -f crd.yaml}), {@code additionalProperties} is a
 * map, an array a list, int-or-string and preserve-unknown-fields are {@code dyn}. Values stay
 * plain Java maps and lists: CEL-Java selects struct fields from maps.
 */
final class CelSchemaTypes implements CelTypeProvider {

  private final Map<JsonNode, CelType> bySchema = new IdentityHashMap<>();
  private final Map<String, CelType> structs = new LinkedHashMap<>();

  /**
   * Declares every node of {@code openApiSchema}; the root gets Kubernetes' implicit {@code
   * apiVersion}, {@code kind} and {@code metadata} ({@code name}, {@code generateName}) fields.
   */
  CelSchemaTypes(JsonNode openApiSchema, String rootName) {
    Map<String, CelType> fields = new LinkedHashMap<>();
    fields.put("apiVersion", SimpleType.STRING);
    fields.put("kind", SimpleType.STRING);
    fields.put(
        "metadata",
        struct(
            rootName + ".metadata",
            Map.of("name", SimpleType.STRING, "generateName", SimpleType.STRING)));
    for (Iterator<Map.Entry<String, JsonNode>> it = openApiSchema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      fields.put(p.getKey(), declare(p.getValue(), rootName + "." + p.getKey()));
    }
    bySchema.put(openApiSchema, struct(rootName, fields));
  }

  /** The CEL type of a schema node of the schema given to the constructor. */
  CelType typeOf(JsonNode schema) {
    CelType type = bySchema.get(schema);
    return type != null ? type : declare(schema, "anonymous" + structs.size());
  }

  private CelType declare(JsonNode schema, String name) {
    CelType type = declareOnly(schema, name);
    bySchema.put(schema, type);
    return type;
  }

  private CelType declareOnly(JsonNode schema, String name) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      return SimpleType.DYN;
    }
    switch (schema.path("type").asText()) {
      case "string":
        return SimpleType.STRING;
      case "integer":
        return SimpleType.INT;
      case "number":
        return SimpleType.DOUBLE;
      case "boolean":
        return SimpleType.BOOL;
      case "array":
        return ListType.create(
            schema.has("items") ? declare(schema.get("items"), name + ".@items") : SimpleType.DYN);
      case "object":
        if (schema.has("properties")) {
          return struct(schema, name);
        }
        if (schema.path("additionalProperties").isObject()) {
          return MapType.create(
              SimpleType.STRING, declare(schema.get("additionalProperties"), name + ".@values"));
        }
        return SimpleType.DYN;
      default:
        return SimpleType.DYN;
    }
  }

  private StructType struct(JsonNode schema, String name) {
    Map<String, CelType> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      fields.put(p.getKey(), declare(p.getValue(), name + "." + p.getKey()));
    }
    return struct(name, fields);
  }

  private StructType struct(String name, Map<String, CelType> fields) {
    Map<String, CelType> copy = new LinkedHashMap<>(fields);
    StructType type =
        StructType.create(
            name,
            ImmutableSet.copyOf(copy.keySet()),
            field -> Optional.ofNullable(copy.get(field)));
    structs.put(name, type);
    return type;
  }

  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableList.copyOf(structs.values());
  }

  @Override
  public Optional<CelType> findType(String typeName) {
    return Optional.ofNullable(structs.get(typeName));
  }
}
