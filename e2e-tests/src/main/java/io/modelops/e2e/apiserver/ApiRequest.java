package io.modelops.e2e.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API request path taken apart: group, version, namespace, resource, name, subresource
 * and the Kubernetes verb ({@code get}, {@code list}, {@code watch}, {@code create}, {@code
 * update}, {@code patch}, {@code delete}, {@code deletecollection}).
 *
 * <p>Paths that are not resource paths (discovery, {@code /version}, {@code /openapi/...}) have a
 * {@code null} resource.
 */
public record ApiRequest(
    String method,
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource,
    Map<String, String> query) {

  /** Parses an HTTP method and a request URI (path plus optional query string). */
  public static ApiRequest parse(String method, String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    Map<String, String> query = q < 0 ? Map.of() : parseQuery(uri.substring(q + 1));
    List<String> seg = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    String group;
    String version;
    int i;
    if (seg.size() >= 2 && seg.get(0).equals("api")) {
      group = "";
      version = seg.get(1);
      i = 2;
    } else if (seg.size() >= 3 && seg.get(0).equals("apis")) {
      group = seg.get(1);
      version = seg.get(2);
      i = 3;
    } else {
      return new ApiRequest(method, null, null, null, null, null, null, query);
    }
    String namespace = null;
    if (seg.size() >= i + 3 && seg.get(i).equals("namespaces")) {
      namespace = seg.get(i + 1);
      i += 2;
    }
    String resource = seg.size() > i ? seg.get(i) : null;
    String name = seg.size() > i + 1 ? seg.get(i + 1) : null;
    String sub = seg.size() > i + 2 ? seg.get(i + 2) : null;
    return new ApiRequest(method, group, version, namespace, resource, name, sub, query);
  }

  private static Map<String, String> parseQuery(String qs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : qs.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      out.put(decode(k), decode(v));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** True when this is a path under {@code /api/v1} or {@code /apis/<group>/<version>}. */
  public boolean isResourcePath() {
    return resource != null;
  }

  /** The Kubernetes verb, as in audit logs and RBAC rules. */
  public String verb() {
    return switch (method) {
      case "GET" -> name != null ? "get" : "true".equals(query.get("watch")) ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name != null ? "delete" : "deletecollection";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** {@code resource} or {@code resource/subresource}. */
  public String resourceWithSubresource() {
    return subresource == null ? resource : resource + "/" + subresource;
  }
}
