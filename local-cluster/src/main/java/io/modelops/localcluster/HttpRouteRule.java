package io.modelops.localcluster;

import java.util.List;

/**
 * One HTTPRoute rule's {@code backendRefs}, chosen by weight with smooth weighted round robin (as
 * nginx does): over any run of requests each backend gets its share, spread out rather than in
 * bursts; weight 0 is never chosen.
 */
final class HttpRouteRule {

  private final List<HttpRouteRules.Backend> backends;
  private final long[] current;
  private final long total;

  HttpRouteRule(List<HttpRouteRules.Backend> backends) {
    this.backends = List.copyOf(backends);
    this.current = new long[backends.size()];
    this.total = backends.stream().mapToLong(b -> Math.max(0, b.weight())).sum();
  }

  /** The next backend, or null when the rule has no backend with a weight above 0. */
  synchronized HttpRouteRules.Backend pick() {
    int best = -1;
    for (int i = 0; i < backends.size(); i++) {
      int weight = backends.get(i).weight();
      if (weight <= 0) {
        continue;
      }
      current[i] += weight;
      if (best < 0 || current[i] > current[best]) {
        best = i;
      }
    }
    if (best < 0) {
      return null;
    }
    current[best] -= total;
    return backends.get(best);
  }
}
