package io.modelops.operator.analysis;

import java.util.Map;
import java.util.Objects;

/**
 * One sample line of a Prometheus exposition: the sample's full name (with any {@code _bucket},
 * {@code _count}, {@code _sum} or {@code _total} suffix), its labels (including {@code le} for
 * histogram buckets) and its value. Timestamps in the exposition are not kept: a direct scrape is
 * taken "now", and the caller measures the interval between two scrapes itself.
 */
public record Sample(String name, Map<String, String> labels, double value) {

  public Sample {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
  }

  /** The value of a label, or {@code null} when the sample does not carry it. */
  public String label(String labelName) {
    return labels.get(labelName);
  }

  /** True when every entry of {@code filter} is a label of this sample with the same value. */
  public boolean matches(Map<String, String> filter) {
    for (Map.Entry<String, String> e : filter.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
