package io.modelops.e2e.apiserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API requests by client, verb and resource ({@code modelops-operator get modeldeployments})
 * and the time the server spent answering them, so that benchmarks and tests can tell how many
 * calls a reconcile costs and who keeps the server busy.
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

  /** Requests seen for one key and the server time spent on them. */
  public record Stats(long count, long serverNanos) {}

  private static final class Cell {
    final LongAdder count = new LongAdder();
    final LongAdder nanos = new LongAdder();
  }

  private final Map<Key, Cell> cells = new ConcurrentHashMap<>();

  void record(String userAgent, ApiRequest request, long serverNanos) {
    String resource =
        request.isResourcePath() ? request.resourceWithSubresource() : "(non-resource)";
    Cell cell =
        cells.computeIfAbsent(
            new Key(clientOf(userAgent), request.verb(), resource), k -> new Cell());
    cell.count.increment();
    cell.nanos.add(serverNanos);
  }

  static String clientOf(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    String first = userAgent.trim().split("[ /]", 2)[0];
    return first.isEmpty() ? "unknown" : first;
  }

  /** A sorted copy of all counters. */
  public Map<Key, Stats> snapshot() {
    Map<Key, Stats> out = new TreeMap<>();
    cells.forEach((k, v) -> out.put(k, new Stats(v.count.sum(), v.nanos.sum())));
    return out;
  }

  /** Total requests of one client (all clients when {@code client} is null). */
  public long total(String client) {
    return cells.entrySet().stream()
        .filter(e -> client == null || e.getKey().client().equals(client))
        .mapToLong(e -> e.getValue().count.sum())
        .sum();
  }

  /** Server time spent on one client's requests, in nanoseconds (all clients when null). */
  public long serverNanos(String client) {
    return cells.entrySet().stream()
        .filter(e -> client == null || e.getKey().client().equals(client))
        .mapToLong(e -> e.getValue().nanos.sum())
        .sum();
  }

  /** Count for one client, verb and resource (0 when never seen). */
  public long count(String client, String verb, String resource) {
    Cell c = cells.get(new Key(client, verb, resource));
    return c == null ? 0 : c.count.sum();
  }

  public void reset() {
    cells.clear();
  }
}
