package io.modelops.operator.analysis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Two scrapes of a set of pods (one track: canary or stable), at the start and at the end of an
 * analysis interval, turned into what happened in between, never negative.
 *
 * <p>Per pod, keyed by pod name:
 *
 * <ul>
 *   <li>a pod in both scrapes counts the difference, unless it restarted in between: any counter,
 *       {@code _count} or {@code _bucket} series of the start scrape that is lower or missing in
 *       the end scrape means a restart (the runtime never removes a series), and then the whole end
 *       scrape counts, as PromQL's {@code increase} does after a counter reset (what the pod served
 *       between the first scrape and the restart is lost);
 *   <li>a pod only in the end scrape (started during the interval, or not scraped at the start)
 *       counts its whole end scrape;
 *   <li>a pod only in the start scrape (gone by the end) counts nothing: its last requests cannot
 *       be known.
 * </ul>
 *
 * Totals are the sums of the per-pod deltas.
 */
public final class ScrapeInterval {

  private final Map<String, Scrape> baselines = new LinkedHashMap<>();
  private final Map<String, Scrape> ends;
  private final Set<String> restarted = new TreeSet<>();

  private ScrapeInterval(Map<String, Scrape> start, Map<String, Scrape> end) {
    this.ends = Map.copyOf(end);
    for (Map.Entry<String, Scrape> pod : ends.entrySet()) {
      Scrape before = start.get(pod.getKey());
      if (before != null && restartedBetween(before, pod.getValue())) {
        restarted.add(pod.getKey());
        before = null;
      }
      baselines.put(pod.getKey(), before == null ? Scrape.empty() : before);
    }
  }

  /** The interval between two scrapes of the same track's pods, each keyed by pod name. */
  public static ScrapeInterval between(Map<String, Scrape> start, Map<String, Scrape> end) {
    return new ScrapeInterval(start, end);
  }

  /** Sum over pods of the increase of the samples named {@code name} that {@code which} accepts. */
  public double counter(String name, Predicate<Sample> which) {
    double total = 0;
    for (Map.Entry<String, Scrape> pod : ends.entrySet()) {
      double end = sum(pod.getValue(), name, which);
      double start = sum(baselines.get(pod.getKey()), name, which);
      total += Math.max(0, end - start);
    }
    return total;
  }

  /** Sum over pods of the histogram delta (see {@link Histogram#from} for the filter). */
  public Histogram histogram(String name, Map<String, String> filter) {
    Histogram total = Histogram.empty();
    for (Map.Entry<String, Scrape> pod : ends.entrySet()) {
      Histogram end = Histogram.from(pod.getValue(), name, filter);
      Histogram start = Histogram.from(baselines.get(pod.getKey()), name, filter);
      total = total.plus(end.minus(start));
    }
    return total;
  }

  /** Pods scraped at the end of the interval. */
  public Set<String> pods() {
    return new TreeSet<>(ends.keySet());
  }

  /** Pods seen at both ends that restarted in between. */
  public Set<String> restartedPods() {
    return Set.copyOf(restarted);
  }

  /** The values of {@code label} on the samples named {@code name} of the end scrapes. */
  public TreeSet<String> labelValues(String name, String label) {
    TreeSet<String> values = new TreeSet<>();
    for (Scrape scrape : ends.values()) {
      scrape.samples().stream()
          .filter(s -> s.name().equals(name) && s.label(label) != null)
          .forEach(s -> values.add(s.label(label)));
    }
    return values;
  }

  private static double sum(Scrape scrape, String name, Predicate<Sample> which) {
    return scrape.samples().stream()
        .filter(s -> s.name().equals(name) && which.test(s))
        .mapToDouble(Sample::value)
        .sum();
  }

  private static boolean restartedBetween(Scrape start, Scrape end) {
    Map<SeriesKey, Double> after = new HashMap<>();
    for (Sample s : end.samples()) {
      after.put(new SeriesKey(s.name(), s.labels()), s.value());
    }
    for (Sample s : start.samples()) {
      if (isMonotonic(s.name())) {
        Double later = after.get(new SeriesKey(s.name(), s.labels()));
        if (later == null || later < s.value()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isMonotonic(String name) {
    return name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_bucket");
  }

  private record SeriesKey(String name, Map<String, String> labels) {}
}
