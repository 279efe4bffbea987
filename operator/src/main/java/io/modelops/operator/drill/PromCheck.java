package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.PrometheusProbe;
import io.modelops.operator.prometheus.PromSample;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Judges one answer of a steady-state Prometheus check against its limits: a sample above {@code
 * max} or below {@code min} is a breach (it aborts the drill like an SLO burn). An empty answer, or
 * only NaN samples, is no data: not a breach. With several samples the worst counts: the one
 * furthest past (or closest to) a limit.
 */
final class PromCheck {

  /** The worst value of an answer (empty: no data) and whether it breached a limit. */
  record Outcome(OptionalDouble value, boolean breached) {

    static final Outcome NO_DATA = new Outcome(OptionalDouble.empty(), false);

    /** How far past its limit the value is (positive: breached), for keeping the worst. */
    double score(PrometheusProbe probe) {
      return value.isEmpty()
          ? Double.NEGATIVE_INFINITY
          : PromCheck.score(probe, value.getAsDouble());
    }
  }

  private PromCheck() {}

  static Outcome judge(PrometheusProbe probe, List<PromSample> samples) {
    OptionalDouble worst = OptionalDouble.empty();
    double worstScore = Double.NEGATIVE_INFINITY;
    for (PromSample sample : samples) {
      double v = sample.value();
      if (Double.isNaN(v)) {
        continue;
      }
      double s = score(probe, v);
      if (worst.isEmpty() || s > worstScore) {
        worst = OptionalDouble.of(v);
        worstScore = s;
      }
    }
    return worst.isEmpty() ? Outcome.NO_DATA : new Outcome(worst, worstScore > 0);
  }

  /** {@code value - max} or {@code min - value}, whichever is larger (limits that are set). */
  static double score(PrometheusProbe probe, double value) {
    double score = Double.NEGATIVE_INFINITY;
    if (probe.getMax() != null) {
      score = Math.max(score, value - Double.parseDouble(probe.getMax()));
    }
    if (probe.getMin() != null) {
      score = Math.max(score, Double.parseDouble(probe.getMin()) - value);
    }
    return score;
  }

  /** The abort message: the check, its query, the value and the limit it crossed. */
  static String breach(PrometheusProbe probe, double value) {
    boolean above = probe.getMax() != null && value > Double.parseDouble(probe.getMax());
    return "Prometheus check "
        + probe.getName()
        + " ("
        + probe.getQuery()
        + ") = "
        + format(value)
        + (above ? ", above max " + probe.getMax() : ", below min " + probe.getMin());
  }

  /** A value {@link #format} wrote; empty when there is none or it cannot be read. */
  static OptionalDouble parse(String formatted) {
    if (formatted == null || formatted.isBlank()) {
      return OptionalDouble.empty();
    }
    return switch (formatted) {
      case "+Inf" -> OptionalDouble.of(Double.POSITIVE_INFINITY);
      case "-Inf" -> OptionalDouble.of(Double.NEGATIVE_INFINITY);
      default -> {
        try {
          double v = Double.parseDouble(formatted);
          yield Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
        } catch (NumberFormatException e) {
          yield OptionalDouble.empty();
        }
      }
    };
  }

  static String format(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    String s = String.format(Locale.ROOT, "%.6g", value);
    if (s.contains("e")) {
      return s;
    }
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "");
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return s;
  }
}
