package io.modelops.e2e.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts a client's API requests by verb and resource ({@code PATCH deployments}, {@code GET
 * modeldeployments/status}, {@code WATCH pods}), on the client side: on a real API server the
 * server's own counters do not say which client sent what.
 */
final class RequestTally implements Interceptor {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    counts.computeIfAbsent(key(request), k -> new LongAdder()).increment();
  }

  static String key(HttpRequest request) {
    String verb = request.method();
    String query = request.uri().getQuery();
    if ("GET".equals(verb) && query != null && query.contains("watch=true")) {
      verb = "WATCH";
    }
    return verb + " " + resource(request.uri().getPath());
  }

  /** {@code /apis/apps/v1/namespaces/ns/deployments/name/status} → {@code deployments/status}. */
  static String resource(String path) {
    String[] parts = path.replaceAll("^/", "").split("/");
    int start = parts[0].equals("api") ? 2 : 3; // api/v1/... or apis/group/version/...
    if (parts.length > start && parts[start].equals("namespaces") && parts.length > start + 2) {
      start += 2;
    }
    if (parts.length <= start) {
      return path;
    }
    String resource = parts[start];
    return parts.length > start + 2 ? resource + "/" + parts[start + 2] : resource;
  }

  Map<String, Long> snapshot() {
    Map<String, Long> result = new TreeMap<>();
    counts.forEach((k, v) -> result.put(k, v.sum()));
    return result;
  }
}
