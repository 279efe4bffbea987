package io.modelops.e2e.apiserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API requests by client, verb and resource ({@code modelops-operator get
 * modeldeployments}), so that benchmarks and tests can tell how many calls a reconcile costs.
 */
public final class RequestCounter {

  /** One counter key. {@code client} is the first token of the request's User-Agent. */
  public record Key(String client, String verb, String resource) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return client + " " + verb + " " + resource;
    }
  }

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  void record(String userAgent, ApiRequest request) {
    String resource =
        request.isResourcePath() ? request.resourceWithSubresource() : "(non-resource)";
    Key key = new Key(clientOf(userAgent), request.verb(), resource);
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  static String clientOf(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    String first = userAgent.trim().split("[ /]", 2)[0];
    return first.isEmpty() ? "unknown" : first;
  }

  /** A sorted copy of all counters. */
  public Map<Key, Long> snapshot() {
    Map<Key, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Total requests whose client starts with {@code clientPrefix} (all clients when empty). */
  public long total(String clientPrefix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().client().startsWith(clientPrefix))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  /** Count for one client, verb and resource (0 when never seen). */
  public long count(String client, String verb, String resource) {
    LongAdder a = counts.get(new Key(client, verb, resource));
    return a == null ? 0 : a.sum();
  }

  public void reset() {
    counts.clear();
  }
}
