package io.modelops.operator.analysis;

import io.modelops.api.v1alpha1.AnalysisMetric;
import java.util.Objects;

/**
 * One resolved analysis check: the canary's {@code metric} over an interval must not exceed {@code
 * max} (in the metric's unit: milliseconds, a ratio 0-1, a PSI value), nor, for a {@linkplain
 * #relative() relative} check, the stable's value of the same interval raised by the allowed
 * increase. A {@linkplain #lowerBound() lower-bound} metric ({@code RequestRate}) is held the other
 * way: at least {@code min}, and for a relative check at least the stable's value lowered by the
 * allowed decrease; its {@code max} is {@code +Inf}.
 *
 * @param metric what is measured on the canary
 * @param max highest value that passes; {@code +Inf} for a relative check without an absolute bound
 *     and for a lower-bound metric
 * @param relative the bound relative to the stable track, or null for an absolute check
 * @param source where the check comes from ({@code spec.slo.latencyP99}, {@code
 *     spec.release.canary.analysis.checks}), for messages
 * @param min lowest value that passes, for a lower-bound metric (0: none); 0 for the others
 */
public record Check(
    AnalysisMetric metric, double max, Relative relative, String source, double min) {

  public Check {
    Objects.requireNonNull(metric, "metric");
    if (lowerBound(metric)) {
      if (!(min >= 0) || Double.isInfinite(min) || max != Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            metric + ": min must be a finite number ≥ 0 and there is no max, got " + min);
      }
    } else {
      if (!(max >= 0) || (Double.isInfinite(max) && relative == null)) {
        throw new IllegalArgumentException(
            metric + ": max must be a finite number ≥ 0, got " + max);
      }
      if (min != 0) {
        throw new IllegalArgumentException(metric + " has no min");
      }
    }
  }

  /** A check bounded from above (every metric but {@code RequestRate}). */
  public Check(AnalysisMetric metric, double max, Relative relative, String source) {
    this(metric, max, relative, source, 0);
  }

  /** An absolute check: the canary's value must be ≤ {@code max}. */
  public Check(AnalysisMetric metric, double max, String source) {
    this(metric, max, null, source);
  }

  /** A relative check without an absolute bound. */
  public static Check relative(AnalysisMetric metric, Relative relative, String source) {
    Objects.requireNonNull(relative);
    return lowerBound(metric)
        ? atLeast(metric, 0, relative, source)
        : new Check(metric, Double.POSITIVE_INFINITY, relative, source);
  }

  /**
   * A lower-bound check: at least {@code min} (0: none) and, with {@code relative}, at least the
   * stable's value lowered by it.
   */
  public static Check atLeast(AnalysisMetric metric, double min, Relative relative, String source) {
    return new Check(metric, Double.POSITIVE_INFINITY, relative, source, min);
  }

  /** True for a metric that must stay at or above its bounds ({@code RequestRate}). */
  public static boolean lowerBound(AnalysisMetric metric) {
    return metric == AnalysisMetric.RequestRate;
  }

  /** True when this check bounds its metric from below. */
  public boolean lowerBound() {
    return lowerBound(metric);
  }

  /** True when {@link #max} bounds the value on its own. */
  public boolean hasMax() {
    return Double.isFinite(max);
  }

  /**
   * How much higher than the stable's value the canary's may be ({@code relativeTo: Stable}, {@code
   * maxIncrease}).
   *
   * @param amount the increase: a percentage of the stable's value, or an amount in the metric's
   *     unit
   * @param percent true for {@code "20%"}, false for {@code "5"}
   */
  public record Relative(double amount, boolean percent) {

    public Relative {
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException("maxIncrease must be finite and ≥ 0, got " + amount);
      }
    }

    /** {@code "20%"} or {@code "5"}, as {@code maxIncrease} is written. */
    public static Relative parse(String maxIncrease) {
      String s = maxIncrease.trim();
      boolean percent = s.endsWith("%");
      return new Relative(
          Double.parseDouble(percent ? s.substring(0, s.length() - 1) : s), percent);
    }

    /** The highest value that passes when the stable's value is {@code stable}. */
    public double bound(double stable) {
      return percent ? stable * (1 + amount / 100) : stable + amount;
    }

    /** The lowest value that passes when the stable's value is {@code stable} (a decrease). */
    public double lowered(double stable) {
      return percent ? stable * (1 - amount / 100) : stable - amount;
    }

    /** E.g. {@code stable 10 − 50%}. */
    public String describeDecrease(double stable) {
      return "stable "
          + Evaluation.format(stable)
          + " − "
          + Evaluation.format(amount)
          + (percent ? "%" : "");
    }

    /** E.g. {@code stable 10 + 20%}. */
    public String describe(double stable) {
      return "stable "
          + Evaluation.format(stable)
          + " + "
          + Evaluation.format(amount)
          + (percent ? "%" : "");
    }
  }
}
