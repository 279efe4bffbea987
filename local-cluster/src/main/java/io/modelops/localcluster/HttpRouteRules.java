package io.modelops.localcluster;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of one HTTPRoute ({@code gateway.networking.k8s.io/v1}, read as plain maps), ready to
 * route a request: every (rule, match) pair, ordered by the Gateway API's precedence (Exact path,
 * then the longest path prefix, then a method, then the most header matches, then the most query
 * matches, then the order in the route); the first that matches picks its rule. A rule without
 * {@code matches} matches everything. Filters and hostnames are not implemented.
 */
final class HttpRouteRules {

  /** One {@code backendRefs} entry; {@code problem} is why it cannot be used, else null. */
  record Backend(String namespace, String service, int port, int weight, String problem) {}

  private record Match(
      HttpRouteRule rule,
      int order,
      String pathType,
      String path,
      String method,
      List<Map<String, Object>> headers,
      List<Map<String, Object>> queryParams) {

    boolean test(String requestMethod, URI uri, Headers requestHeaders) {
      String requestPath = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
      return pathMatches(requestPath)
          && (method == null || method.equalsIgnoreCase(requestMethod))
          && headers.stream().allMatch(h -> valueMatches(h, requestHeaders.getFirst(name(h))))
          && queryParams.stream().allMatch(q -> valueMatches(q, query(uri, name(q))));
    }

    private boolean pathMatches(String requestPath) {
      return switch (pathType) {
        case "Exact" -> requestPath.equals(path);
        case "RegularExpression" -> requestPath.matches(path);
        default -> prefixMatches(requestPath);
      };
    }

    /**
     * PathPrefix matches whole segments: {@code /foo} matches {@code /foo/bar}, not {@code
     * /foobar}.
     */
    private boolean prefixMatches(String requestPath) {
      String prefix =
          path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
      return prefix.equals("/")
          || requestPath.equals(prefix)
          || requestPath.startsWith(prefix + "/");
    }

    int pathRank() {
      return "Exact".equals(pathType) ? 2 : "PathPrefix".equals(pathType) ? 1 : 0;
    }
  }

  private static final Comparator<Match> PRECEDENCE =
      Comparator.comparingInt(Match::pathRank)
          .thenComparingInt(m -> m.path().length())
          .thenComparingInt(m -> m.method() == null ? 0 : 1)
          .thenComparingInt(m -> m.headers().size())
          .thenComparingInt(m -> m.queryParams().size())
          .reversed()
          .thenComparingInt(Match::order);

  private final List<Match> matches;

  private HttpRouteRules(List<Match> matches) {
    this.matches = matches;
  }

  /** Reads {@code spec.rules} of an HTTPRoute in {@code namespace}. */
  @SuppressWarnings("unchecked")
  static HttpRouteRules parse(String namespace, Map<String, Object> spec) {
    var all = new ArrayList<Match>();
    for (Object r : list(spec, "rules")) {
      var rule = (Map<String, Object>) r;
      var backends = new ArrayList<Backend>();
      for (Object b : list(rule, "backendRefs")) {
        backends.add(backend(namespace, (Map<String, Object>) b));
      }
      var parsed = new HttpRouteRule(backends);
      List<Object> ruleMatches = list(rule, "matches");
      if (ruleMatches.isEmpty()) {
        ruleMatches = List.of(Map.of());
      }
      for (Object m : ruleMatches) {
        var match = (Map<String, Object>) m;
        var path = (Map<String, Object>) match.getOrDefault("path", Map.of());
        all.add(
            new Match(
                parsed,
                all.size(),
                (String) path.getOrDefault("type", "PathPrefix"),
                (String) path.getOrDefault("value", "/"),
                (String) match.get("method"),
                (List<Map<String, Object>>) (List<?>) list(match, "headers"),
                (List<Map<String, Object>>) (List<?>) list(match, "queryParams")));
      }
    }
    all.sort(PRECEDENCE);
    return new HttpRouteRules(List.copyOf(all));
  }

  private static Backend backend(String routeNamespace, Map<String, Object> ref) {
    String group = (String) ref.getOrDefault("group", "");
    String kind = (String) ref.getOrDefault("kind", "Service");
    String namespace = (String) ref.getOrDefault("namespace", routeNamespace);
    String name = (String) ref.get("name");
    int port = ref.get("port") instanceof Number n ? n.intValue() : 0;
    int weight = ref.get("weight") instanceof Number w ? w.intValue() : 1;
    String problem = null;
    if (!group.isEmpty() || !"Service".equals(kind)) {
      problem = "backendRef " + group + "/" + kind + " " + name + " is not a Service";
    } else if (!namespace.equals(routeNamespace)) {
      problem =
          "backendRef to Service "
              + namespace
              + "/"
              + name
              + " in another namespace"
              + " (ReferenceGrants are not implemented)";
    } else if (port == 0) {
      problem = "backendRef to Service " + namespace + "/" + name + " has no port";
    }
    return new Backend(namespace, name, port, weight, problem);
  }

  /** The rule of the first match (in precedence order) the request satisfies. */
  Optional<HttpRouteRule> route(String method, URI uri, Headers headers) {
    return matches.stream().filter(m -> m.test(method, uri, headers)).findFirst().map(Match::rule);
  }

  private static String name(Map<String, Object> match) {
    return (String) match.get("name");
  }

  private static boolean valueMatches(Map<String, Object> match, String actual) {
    String value = (String) match.get("value");
    if (actual == null) {
      return false;
    }
    return "RegularExpression".equals(match.get("type"))
        ? actual.matches(value)
        : actual.equals(value);
  }

  private static String query(URI uri, String name) {
    if (uri.getRawQuery() == null) {
      return null;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
        return eq < 0
            ? ""
            : java.net.URLDecoder.decode(
                pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> map, String key) {
    return map.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
