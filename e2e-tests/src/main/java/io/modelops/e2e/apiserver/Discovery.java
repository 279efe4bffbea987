package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the legacy (non-aggregated) discovery documents kubectl reads before anything else: {@code
 * /api}, {@code /apis}, {@code /apis/<group>}, {@code /api/v1} and {@code /apis/<group>/<version>},
 * from the built-in types plus the CRDs stored in the server.
 */
final class Discovery {

  private final ObjectMapper mapper;
  private final List<ApiResourceType> types;

  Discovery(ObjectMapper mapper, List<ApiResourceType> builtins, List<JsonNode> crds) {
    this.mapper = mapper;
    this.types = new ArrayList<>(builtins);
    crds.forEach(crd -> types.addAll(fromCrd(crd)));
  }

  /** The resource types one CRD serves (one per served version). */
  static List<ApiResourceType> fromCrd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<ApiResourceType> out = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(true)) {
        continue;
      }
      List<String> subs = new ArrayList<>();
      v.path("subresources").fieldNames().forEachRemaining(subs::add);
      out.add(
          new ApiResourceType(
              spec.path("group").asText(),
              v.path("name").asText(),
              names.path("plural").asText(),
              names.path("singular").asText(names.path("kind").asText().toLowerCase()),
              names.path("kind").asText(),
              !"Cluster".equals(spec.path("scope").asText()),
              strings(names.path("shortNames")),
              strings(names.path("categories")),
              subs));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  List<ApiResourceType> types() {
    return types;
  }

  Optional<ApiResourceType> find(String group, String version, String plural) {
    return types.stream()
        .filter(
            t ->
                t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
        .findFirst();
  }

  /** {@code GET /api}. */
  ObjectNode coreVersions() {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    ObjectNode cidr = doc.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", "127.0.0.1");
    return doc;
  }

  /** {@code GET /apis}. */
  ObjectNode groupList() {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    versionsByGroup().forEach((g, versions) -> groups.add(group(g, versions)));
    return doc;
  }

  /** {@code GET /apis/<group>}, empty when the group is unknown. */
  Optional<ObjectNode> group(String group) {
    List<String> versions = versionsByGroup().get(group);
    if (versions == null) {
      return Optional.empty();
    }
    ObjectNode doc = group(group, versions);
    doc.put("kind", "APIGroup");
    doc.put("apiVersion", "v1");
    return Optional.of(doc);
  }

  private ObjectNode group(String group, List<String> versions) {
    ObjectNode g = mapper.createObjectNode();
    g.put("name", group);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      ObjectNode gv = vs.addObject();
      gv.put("groupVersion", group + "/" + v);
      gv.put("version", v);
    }
    ObjectNode preferred = g.putObject("preferredVersion");
    preferred.put("groupVersion", group + "/" + versions.get(0));
    preferred.put("version", versions.get(0));
    return g;
  }

  private Map<String, List<String>> versionsByGroup() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ApiResourceType t : types) {
      if (t.group().isEmpty()) {
        continue;
      }
      List<String> vs = out.computeIfAbsent(t.group(), k -> new ArrayList<>());
      if (!vs.contains(t.version())) {
        vs.add(t.version());
      }
    }
    return out;
  }

  /** {@code GET /api/v1} or {@code GET /apis/<group>/<version>}; empty when unknown. */
  Optional<ObjectNode> resourceList(String group, String version) {
    List<ApiResourceType> matching =
        types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode doc = mapper.createObjectNode();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", matching.get(0).groupVersion());
    ArrayNode resources = doc.putArray("resources");
    for (ApiResourceType t : matching) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      ApiResourceType.VERBS.forEach(verbs::add);
      if (!t.shortNames().isEmpty()) {
        ArrayNode sn = r.putArray("shortNames");
        t.shortNames().forEach(sn::add);
      }
      if (!t.categories().isEmpty()) {
        ArrayNode cat = r.putArray("categories");
        t.categories().forEach(cat::add);
      }
      for (String sub : t.subresources()) {
        ObjectNode s = resources.addObject();
        s.put("name", t.plural() + "/" + sub);
        s.put("singularName", "");
        s.put("namespaced", t.namespaced());
        s.put("kind", t.kind());
        s.putArray("verbs").add("get").add("patch").add("update");
      }
    }
    return Optional.of(doc);
  }
}
