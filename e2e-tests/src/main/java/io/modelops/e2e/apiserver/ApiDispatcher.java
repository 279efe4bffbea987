package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonDiff;
import io.modelops.api.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Front of the embedded API server: answers discovery, renders Tables, turns merge and strategic
 * merge patches into JSON patches, counts requests, and hands everything else to fabric8's {@link
 * KubernetesCrudDispatcher} (the in-memory store with watches).
 */
final class ApiDispatcher extends Dispatcher {

  static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final String JSON = "application/json";

  private final KubernetesCrudDispatcher crud;
  private final RequestCounter counter;
  private final ObjectMapper mapper;
  private final Columns columns;
  private final TableRenderer tables;
  private final Object writeLock = new Object();
  private final Set<String> knownNamespaces = ConcurrentHashMap.newKeySet();
  private final CustomResourceValidation validation = new CustomResourceValidation();
  private volatile List<JsonNode> crdCache;

  ApiDispatcher(
      KubernetesCrudDispatcher crud, RequestCounter counter, ObjectMapper mapper, Clock clock) {
    this.crud = crud;
    this.counter = counter;
    this.mapper = mapper;
    this.columns = new Columns(clock);
    this.tables = new TableRenderer(mapper);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    long start = System.nanoTime();
    ApiRequest r = ApiRequest.parse(request.getMethod(), request.getPath());
    boolean crdWrite =
        "customresourcedefinitions".equals(r.resource()) && !"GET".equals(request.getMethod());
    try {
      return r.isResourcePath() ? resource(request, r) : nonResource(request, r);
    } catch (BadRequest e) {
      MockResponse response = status(e.code, e.reason, e.getMessage());
      if (e.details != null) {
        ObjectNode body = (ObjectNode) read(response.getBody().readUtf8());
        body.set("details", e.details);
        response.setBody(body.toString());
      }
      return response;
    } catch (RuntimeException e) {
      return status(500, "InternalError", "embedded API server: " + e);
    } finally {
      if (crdWrite) {
        crdCache = null;
      }
      counter.record(request.getHeader("User-Agent"), r, System.nanoTime() - start);
    }
  }

  private MockResponse resource(RecordedRequest request, ApiRequest r) {
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      throw new BadRequest(
          415,
          "UnsupportedMediaType",
          "the embedded API server reads JSON only, not protobuf: use kubectl apply -f <file>"
              + " (imperative commands such as kubectl create deployment send protobuf)");
    }
    switch (request.getMethod()) {
      case "GET":
        if ("watch".equals(r.verb()) && !isWebSocket(request)) {
          throw new BadRequest(
              405,
              "MethodNotAllowed",
              "the embedded API server streams watches over WebSocket only (as fabric8 clients"
                  + " use them); kubectl get -w, kubectl wait and kubectl rollout status are not"
                  + " supported here: poll with kubectl get instead");
        }
        if (wantsTable(request.getHeader("Accept")) && !"watch".equals(r.verb())) {
          return table(request, r);
        }
        return finish(r, crud.dispatch(request));
      case "PATCH":
        return patch(request, r);
      case "POST":
        synchronized (writeLock) {
          if (r.subresource() == null && r.name() == null) {
            validateCustomResource(r, bodyOf(request), null);
          }
          if (r.namespace() != null) {
            ensureNamespace(r.namespace());
          }
          return finish(r, crud.dispatch(request));
        }
      default:
        synchronized (writeLock) {
          if ("DELETE".equals(request.getMethod()) && "namespaces".equals(r.resource())) {
            knownNamespaces.remove(r.name());
          }
          if ("PUT".equals(request.getMethod()) && r.subresource() == null && r.name() != null) {
            MockResponse current = crud.handleGet(objectPath(request.getPath()));
            if (current.code() == 200) {
              validateCustomResource(r, bodyOf(request), read(current.getBody().readUtf8()));
            }
          }
          return finish(r, crud.dispatch(request));
        }
    }
  }

  private static boolean isWebSocket(RecordedRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
  }

  private static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  private MockResponse table(RecordedRequest request, ApiRequest r) {
    MockResponse raw = crud.dispatch(request);
    if (raw.code() != 200 || raw.getBody() == null) {
      return finish(r, raw);
    }
    JsonNode body = read(raw.getBody().readUtf8());
    List<TableColumn> cols =
        crd(r.group(), r.resource())
            .map(crd -> columns.forCrd(crd, r.version()))
            .orElseGet(() -> columns.forBuiltin(r.resource()));
    ObjectNode table = tables.render(body, cols, r.query().getOrDefault("includeObject", ""));
    return json(200, table);
  }

  private MockResponse patch(RecordedRequest request, ApiRequest r) {
    String contentType =
        Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
    if (contentType.contains("apply-patch")) {
      throw new BadRequest(
          415,
          "UnsupportedMediaType",
          "server-side apply is not supported by the embedded API server; use client-side"
              + " apply (kubectl apply without --server-side)");
    }
    boolean strategic = contentType.contains("strategic-merge-patch");
    boolean merge = contentType.contains("merge-patch");
    if (!strategic && !merge) {
      synchronized (writeLock) {
        return finish(r, crud.dispatch(request));
      }
    }
    JsonNode patch = read(request.getUtf8Body());
    if (!patch.isObject()) {
      throw new BadRequest(400, "BadRequest", "a merge patch must be a JSON object");
    }
    // Strategic merge patch on a custom resource is refused by a real server; here it is
    // treated as a merge patch, which is what the strategy degrades to without merge keys.
    boolean builtin = crd(r.group(), r.resource()).isEmpty();
    synchronized (writeLock) {
      String objectPath = objectPath(request.getPath());
      MockResponse current = crud.handleGet(objectPath);
      if (current.code() != 200) {
        return finish(r, current);
      }
      JsonNode before = read(current.getBody().readUtf8());
      JsonNode after =
          strategic && builtin
              ? Patches.strategicMergePatch(before, patch)
              : Patches.mergePatch(before, patch);
      if (r.subresource() == null) {
        validateCustomResource(r, after, before);
      }
      String jsonPatch = JsonDiff.asJson(before, after).toString();
      RecordedRequest asJsonPatch =
          new RecordedRequest(
              request.getHttpVersion(),
              request.method(),
              request.getPath(),
              request
                  .getHeaders()
                  .newBuilder()
                  .set("Content-Type", "application/json-patch+json")
                  .build(),
              new Buffer(jsonPatch.getBytes(StandardCharsets.UTF_8)));
      return finish(r, crud.dispatch(asJsonPatch));
    }
  }

  /**
   * Creates the namespace when an object is created in one that does not exist yet. A real API
   * server refuses such a create; here namespaces appear on first use so that {@code kubectl apply
   * -n <ns>} works without {@code kubectl create namespace} (which kubectl sends as protobuf).
   */
  void ensureNamespace(String namespace) {
    if (knownNamespaces.contains(namespace)) {
      return;
    }
    String path = "/api/v1/namespaces";
    if (crud.handleGet(path + "/" + namespace).code() == 404) {
      ObjectNode ns = mapper.createObjectNode();
      ns.put("apiVersion", "v1");
      ns.put("kind", "Namespace");
      ns.putObject("metadata").put("name", namespace);
      ns.putObject("status").put("phase", "Active");
      crud.dispatch(
          new RecordedRequest(
              "HTTP/1.1",
              HttpMethod.POST,
              path,
              Headers.builder().add("Content-Type", JSON).build(),
              new Buffer(ns.toString().getBytes(StandardCharsets.UTF_8))));
    }
    knownNamespaces.add(namespace);
  }

  /** The request body as JSON, without consuming it (the store reads it afterwards). */
  private JsonNode bodyOf(RecordedRequest request) {
    byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    return read(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * Refuses a create or update of a custom resource that its CRD's schema or CEL rules reject, with
   * a 422 {@code Invalid} Status naming each field, as a real API server answers.
   */
  private void validateCustomResource(ApiRequest r, JsonNode after, JsonNode before) {
    Optional<JsonNode> crd = crd(r.group(), r.resource());
    if (crd.isEmpty() || !after.isObject()) {
      return;
    }
    List<Violation> violations = validation.check(crd.get(), r.version(), after, before);
    if (violations.isEmpty()) {
      return;
    }
    String kind = crd.get().path("spec").path("names").path("kind").asText();
    String name = after.path("metadata").path("name").asText(r.name() == null ? "" : r.name());
    StringBuilder message =
        new StringBuilder(kind + "." + r.group() + " \"" + name + "\" is invalid: ");
    ObjectNode details = mapper.createObjectNode();
    details.put("name", name);
    details.put("group", r.group());
    details.put("kind", kind);
    var causes = details.putArray("causes");
    for (int i = 0; i < violations.size(); i++) {
      Violation v = violations.get(i);
      message.append(i == 0 ? "" : ", ").append(v.field()).append(": ").append(v.message());
      ObjectNode cause = causes.addObject();
      cause.put("reason", "FieldValueInvalid");
      cause.put("message", v.message());
      cause.put("field", v.field());
    }
    throw new BadRequest(422, "Invalid", message.toString(), details);
  }

  /** Path without the query string: the object (or subresource) itself. */
  private static String objectPath(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private MockResponse nonResource(RecordedRequest request, ApiRequest r) {
    String path = objectPath(request.getPath());
    if (!"GET".equals(request.getMethod())) {
      return status(405, "MethodNotAllowed", "only GET is allowed on " + path);
    }
    if (r.group() != null) {
      return discovery()
          .resourceList(r.group(), r.version())
          .map(doc -> json(200, doc))
          .orElseGet(() -> status(404, "NotFound", "the server could not find " + path));
    }
    if (path.equals("/api")) {
      return json(200, discovery().coreVersions());
    } else if (path.equals("/apis")) {
      return json(200, discovery().groupList());
    } else if (path.startsWith("/apis/")) {
      return discovery()
          .group(path.substring("/apis/".length()))
          .map(doc -> json(200, doc))
          .orElseGet(() -> status(404, "NotFound", "the server could not find " + path));
    } else if (path.equals("/openapi/v3")) {
      return json(200, openApi().root());
    } else if (path.startsWith("/openapi/v3/")) {
      return openApi()
          .groupVersion(path.substring("/openapi/v3/".length()))
          .map(doc -> json(200, doc))
          .orElseGet(() -> status(404, "NotFound", "the server could not find " + path));
    } else if (path.equals("/version")) {
      ObjectNode v = mapper.createObjectNode();
      v.put("major", "1");
      v.put("minor", "32");
      v.put("gitVersion", "v1.32.0-modelops-embedded");
      v.put("platform", "linux/amd64");
      return json(200, v);
    } else if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
      return new MockResponse().setResponseCode(200).setBody("ok");
    } else if (path.equals("/")) {
      ObjectNode root = mapper.createObjectNode();
      root.putArray("paths").add("/api").add("/api/v1").add("/apis").add("/version");
      return json(200, root);
    }
    return status(404, "NotFound", "the server could not find the requested resource " + path);
  }

  private Discovery discovery() {
    return new Discovery(mapper, ApiResourceType.builtins(), storedCrds());
  }

  private OpenApiV3 openApi() {
    List<JsonNode> crds = storedCrds();
    return new OpenApiV3(
        mapper, new Discovery(mapper, ApiResourceType.builtins(), crds).types(), crds);
  }

  /** The stored CRDs, cached until the next write to {@code customresourcedefinitions}. */
  private List<JsonNode> storedCrds() {
    List<JsonNode> cached = crdCache;
    if (cached != null) {
      return cached;
    }
    MockResponse list = crud.handleGet(CRD_PATH);
    List<JsonNode> out = new ArrayList<>();
    if (list.code() == 200 && list.getBody() != null) {
      read(list.getBody().readUtf8()).path("items").forEach(out::add);
    }
    crdCache = List.copyOf(out);
    return crdCache;
  }

  private Optional<JsonNode> crd(String group, String plural) {
    if (group == null || group.isEmpty() || !group.contains(".")) {
      return Optional.empty();
    }
    return storedCrds().stream()
        .filter(
            c ->
                c.path("spec").path("group").asText().equals(group)
                    && c.path("spec").path("names").path("plural").asText().equals(plural))
        .findFirst();
  }

  /** Adds a JSON content type and a Kubernetes Status body to bare error responses. */
  private MockResponse finish(ApiRequest r, MockResponse response) {
    if (response.getWebSocketListener() != null) {
      return response;
    }
    boolean emptyBody = response.getBody() == null || response.getBody().size() == 0;
    if (response.code() == 404 && emptyBody) {
      String what = r.group().isEmpty() ? r.resource() : r.resource() + "." + r.group();
      return status(
          404,
          "NotFound",
          r.name() == null ? what + " not found" : what + " \"" + r.name() + "\" not found");
    }
    if (response.getHeaders().get("Content-Type") == null && !emptyBody) {
      response.setHeader("Content-Type", JSON);
    }
    if (!emptyBody && response.code() < 300) {
      dropNullStatus(response);
    }
    return response;
  }

  /**
   * The mock stores {@code "status": null} on custom resources patched before any status was
   * written; a real server omits the field. Drop it so that {@code kubectl get -o yaml} reads the
   * same.
   */
  private void dropNullStatus(MockResponse response) {
    String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    if (!body.contains("\"status\":null")) {
      return;
    }
    JsonNode node = read(body);
    boolean changed = dropNullStatus(node);
    for (JsonNode item : node.path("items")) {
      changed |= dropNullStatus(item);
    }
    if (changed) {
      response.setBody(node.toString());
    }
  }

  private static boolean dropNullStatus(JsonNode node) {
    if (node instanceof ObjectNode o && o.has("status") && o.get("status").isNull()) {
      o.remove("status");
      return true;
    }
    return false;
  }

  private JsonNode read(String body) {
    try {
      return mapper.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new BadRequest(400, "BadRequest", "request body is not valid JSON: " + e.getMessage());
    }
  }

  private MockResponse json(int code, JsonNode body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeaders(Headers.builder().add("Content-Type", JSON).build())
        .setBody(body.toString());
  }

  private MockResponse status(int code, String reason, String message) {
    ObjectNode s = mapper.createObjectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    return json(code, s);
  }

  private static final class BadRequest extends RuntimeException {
    private final int code;
    private final String reason;
    private final transient ObjectNode details;

    BadRequest(int code, String reason, String message) {
      this(code, reason, message, null);
    }

    BadRequest(int code, String reason, String message, ObjectNode details) {
      super(message);
      this.code = code;
      this.reason = reason;
      this.details = details;
    }
  }
}
