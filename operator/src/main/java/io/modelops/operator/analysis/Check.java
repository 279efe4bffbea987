package io.modelops.operator.analysis;

import io.modelops.api.v1alpha1.AnalysisMetric;
import java.util.Objects;

/**
 * One resolved analysis check: the canary's {@code metric} over an interval must not exceed {@code
 * max} (in the metric's unit: milliseconds, a ratio 0-1, a PSI value).
 *
 * @param metric what is measured on the canary
 * @param max highest value that passes
 * @param source where the check comes from ({@code spec.slo.latencyP99}, {@code
 *     spec.release.canary.analysis.checks}), for messages
 */
public record Check(AnalysisMetric metric, double max, String source) {

  public Check {
    Objects.requireNonNull(metric, "metric");
    if (!(max >= 0) || Double.isInfinite(max)) {
      throw new IllegalArgumentException(metric + ": max must be a finite number ≥ 0, got " + max);
    }
  }
}
