package io.modelops.operator.analysis;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parsed content of one {@code /metrics} answer of one pod: its samples in exposition order and
 * the {@code # TYPE} of each metric family that declared one.
 */
public record Scrape(List<Sample> samples, Map<String, String> types) {

  public Scrape {
    samples = List.copyOf(samples);
    types = Map.copyOf(types);
  }

  /** A scrape with no samples (a pod that answered nothing usable). */
  public static Scrape empty() {
    return new Scrape(List.of(), Map.of());
  }

  /** Samples with exactly this name whose labels include every entry of {@code filter}. */
  public Stream<Sample> select(String name, Map<String, String> filter) {
    return samples.stream().filter(s -> s.name().equals(name) && s.matches(filter));
  }

  /** Sum of the values of {@link #select}; 0 when nothing matches. */
  public double sum(String name, Map<String, String> filter) {
    return select(name, filter).mapToDouble(Sample::value).sum();
  }
}
