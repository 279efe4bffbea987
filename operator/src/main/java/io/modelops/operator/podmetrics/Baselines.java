package io.modelops.operator.podmetrics;

import io.modelops.operator.analysis.Scrape;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scrapes that start the running interval, per ModelDeployment and pod uid: a cache only. What
 * the release has concluded lives in status.release; an operator restarted mid-interval has no
 * baselines, takes them at once, and judges that interval a little later (see {@link
 * PodMetricsAnalysisSource}).
 */
final class Baselines {

  /** One pod's scrape and when it was taken. */
  record Baseline(Instant at, Scrape scrape) {}

  private final Map<String, Map<String, Baseline>> byRelease = new ConcurrentHashMap<>();

  /** The baselines of a ModelDeployment taken at or after {@code since}, by pod uid. */
  Map<String, Baseline> since(String release, Instant since) {
    Map<String, Baseline> current = new HashMap<>();
    byRelease
        .getOrDefault(release, Map.of())
        .forEach(
            (pod, b) -> {
              if (!b.at().isBefore(since)) {
                current.put(pod, b);
              }
            });
    return current;
  }

  void put(String release, Map<String, Baseline> baselines) {
    byRelease.put(release, Map.copyOf(baselines));
  }

  void forget(String release) {
    byRelease.remove(release);
  }
}
