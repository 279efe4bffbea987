package io.modelops.operator.analysis;

import io.modelops.api.v1alpha1.AnalysisBaseline;
import io.modelops.api.v1alpha1.AnalysisCheck;
import io.modelops.api.v1alpha1.AnalysisMetric;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.model.Durations;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a canary interval is judged on: those derived from {@code spec.slo}, then {@code
 * spec.release.canary.analysis.checks} (the CRD's "checks in addition to the ones derived from
 * spec.slo"); an explicit check of the same metric replaces the derived one.
 *
 * <ul>
 *   <li>{@code slo.latencyP99} → {@code P99LatencyMs} max = the duration in milliseconds;
 *   <li>{@code slo.errorRatio} → {@code ErrorRatio} max;
 *   <li>{@code slo.availability} (percent), when {@code errorRatio} is not set → {@code ErrorRatio}
 *       max = 1 − availability / 100.
 * </ul>
 *
 * {@code ScoreDriftPSI}, {@code P50LatencyMs} and {@code RequestRate} have no SLO field, so they
 * are checked only when listed explicitly; {@code RequestRate} takes {@code min} and {@code
 * maxDecrease} (a lower bound) instead of {@code max} and {@code maxIncrease}. An explicit check
 * with {@code relativeTo: Stable} and {@code maxIncrease} is a {@linkplain Check#relative()
 * relative} check, bounded by {@code max} too when that is set.
 */
public final class Checks {

  private Checks() {}

  /** The checks of {@code spec}, in metric order; empty when nothing is to be checked. */
  public static List<Check> of(ModelDeploymentSpec spec) {
    Map<AnalysisMetric, Check> checks = new EnumMap<>(AnalysisMetric.class);
    SloSpec slo = spec.getSlo();
    if (slo != null) {
      if (slo.getLatencyP99() != null) {
        double ms = Durations.parse(slo.getLatencyP99()).toNanos() / 1e6;
        checks.put(
            AnalysisMetric.P99LatencyMs,
            new Check(AnalysisMetric.P99LatencyMs, ms, "spec.slo.latencyP99"));
      }
      if (slo.getErrorRatio() != null) {
        checks.put(
            AnalysisMetric.ErrorRatio,
            new Check(
                AnalysisMetric.ErrorRatio,
                Double.parseDouble(slo.getErrorRatio()),
                "spec.slo.errorRatio"));
      } else if (slo.getAvailability() != null) {
        double allowed = Math.max(0, 1 - Double.parseDouble(slo.getAvailability()) / 100);
        checks.put(
            AnalysisMetric.ErrorRatio,
            new Check(AnalysisMetric.ErrorRatio, allowed, "spec.slo.availability"));
      }
    }
    for (AnalysisCheck check : explicit(spec)) {
      checks.put(check.getMetric(), resolve(check));
    }
    return List.copyOf(new ArrayList<>(checks.values()));
  }

  private static List<AnalysisCheck> explicit(ModelDeploymentSpec spec) {
    var release = spec.getRelease();
    if (release == null
        || release.getCanary() == null
        || release.getCanary().getAnalysis() == null
        || release.getCanary().getAnalysis().getChecks() == null) {
      return List.of();
    }
    return release.getCanary().getAnalysis().getChecks().stream()
        .filter(
            c ->
                c.getMetric() != null
                    && (c.getMax() != null || c.getMin() != null || relative(c) != null))
        .toList();
  }

  private static Check resolve(AnalysisCheck check) {
    String source = "spec.release.canary.analysis.checks";
    Check.Relative relative = relative(check);
    if (Check.lowerBound(check.getMetric())) {
      double min = check.getMin() == null ? 0 : Double.parseDouble(check.getMin());
      return Check.atLeast(check.getMetric(), min, relative, source);
    }
    if (check.getMax() == null) {
      return Check.relative(check.getMetric(), relative, source);
    }
    return new Check(check.getMetric(), Double.parseDouble(check.getMax()), relative, source);
  }

  /** The relative bound of {@code check}, or null (none, or ScoreDriftPSI: already relative). */
  private static Check.Relative relative(AnalysisCheck check) {
    String allowed =
        Check.lowerBound(check.getMetric()) ? check.getMaxDecrease() : check.getMaxIncrease();
    if (check.getRelativeTo() != AnalysisBaseline.Stable
        || allowed == null
        || check.getMetric() == AnalysisMetric.ScoreDriftPSI) {
      return null;
    }
    return Check.Relative.parse(allowed);
  }
}
