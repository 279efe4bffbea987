package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Minimal OpenAPI v3 documents ({@code /openapi/v3} and {@code /openapi/v3/<group-version>}).
 *
 * <p>kubectl reads them to learn that the server accepts the {@code fieldValidation} parameter
 * (then it sends the object as is instead of validating it client-side against a full schema) and
 * which patch types a kind takes (no strategic merge patch listed here: kubectl then uses its
 * compiled-in types for built-ins and a JSON merge patch for custom resources, as against a real
 * server). CRD schemas are included so that {@code kubectl explain} works for custom resources.
 */
final class OpenApiV3 {

  private final ObjectMapper mapper;
  private final List<ApiResourceType> types;
  private final List<JsonNode> crds;

  OpenApiV3(ObjectMapper mapper, List<ApiResourceType> types, List<JsonNode> crds) {
    this.mapper = mapper;
    this.types = types;
    this.crds = crds;
  }

  /** {@code GET /openapi/v3}: one entry per group-version, with a content hash in the URL. */
  ObjectNode root() {
    ObjectNode doc = mapper.createObjectNode();
    ObjectNode paths = doc.putObject("paths");
    types.stream()
        .map(OpenApiV3::gvPath)
        .distinct()
        .forEach(
            gv -> {
              String hash = sha256(groupVersion(gv).map(JsonNode::toString).orElse(""));
              paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash);
            });
    return doc;
  }

  private static String gvPath(ApiResourceType t) {
    return t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
  }

  /** {@code GET /openapi/v3/api/v1} or {@code /openapi/v3/apis/<group>/<version>}. */
  Optional<ObjectNode> groupVersion(String gvPath) {
    List<ApiResourceType> matching = types.stream().filter(t -> gvPath(t).equals(gvPath)).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode doc = mapper.createObjectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (ApiResourceType t : matching) {
      String base = "/" + gvPath + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
      ObjectNode item = paths.putObject(base + "/{name}");
      ObjectNode patch = item.putObject("patch");
      patch.put("operationId", "patch" + t.kind());
      ArrayNode params = patch.putArray("parameters");
      param(params, "name", "path");
      if (t.namespaced()) {
        param(params, "namespace", "path");
      }
      param(params, "fieldValidation", "query");
      param(params, "fieldManager", "query");
      param(params, "dryRun", "query");
      gvk(patch.putObject("x-kubernetes-group-version-kind"), t);
      patch.put("x-kubernetes-action", "patch");
      ObjectNode content = patch.putObject("requestBody").putObject("content");
      content.putObject("application/json-patch+json").putObject("schema").put("type", "object");
      content.putObject("application/merge-patch+json").putObject("schema").put("type", "object");
      patch.putObject("responses").putObject("200").put("description", "OK");
      crdSchema(t).ifPresent(s -> schemas.set(schemaName(t), s));
    }
    return Optional.of(doc);
  }

  private static void param(ArrayNode params, String name, String in) {
    ObjectNode p = params.addObject();
    p.put("name", name);
    p.put("in", in);
    if ("path".equals(in)) {
      p.put("required", true);
    }
    p.putObject("schema").put("type", "string");
  }

  private static void gvk(ObjectNode node, ApiResourceType t) {
    node.put("group", t.group());
    node.put("version", t.version());
    node.put("kind", t.kind());
  }

  private static String schemaName(ApiResourceType t) {
    List<String> parts = new java.util.ArrayList<>(List.of(t.group().split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts) + "." + t.version() + "." + t.kind();
  }

  private Optional<ObjectNode> crdSchema(ApiResourceType t) {
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      if (!spec.path("group").asText().equals(t.group())
          || !spec.path("names").path("plural").asText().equals(t.plural())) {
        continue;
      }
      for (JsonNode v : spec.path("versions")) {
        if (v.path("name").asText().equals(t.version())) {
          ObjectNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
          ObjectNode props = schema.with("properties");
          props
              .putObject("apiVersion")
              .put("type", "string")
              .put("description", "APIVersion defines the versioned schema of this object.");
          props
              .putObject("kind")
              .put("type", "string")
              .put("description", "Kind is a string value naming the REST resource.");
          props
              .putObject("metadata")
              .put("type", "object")
              .put("description", "Standard object metadata.");
          gvk(schema.putArray("x-kubernetes-group-version-kind").addObject(), t);
          return Optional.of(schema);
        }
      }
    }
    return Optional.empty();
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
