package io.modelops.operator.prometheus;

import java.util.Map;

/**
 * One element of an instant vector: its labels and value ({@code NaN} and {@code ±Inf} as
 * Prometheus writes them).
 */
public record PromSample(Map<String, String> labels, double value) {

  public PromSample {
    labels = Map.copyOf(labels);
  }

  public String label(String name) {
    return labels.get(name);
  }
}
