package io.modelops.operator.analysis;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one analysis interval: the overall verdict, each check's figures, and why.
 *
 * @param verdict {@link Verdict#FAIL} when any check failed; else {@link Verdict#INCONCLUSIVE} when
 *     any could not conclude (no traffic, no data); else {@link Verdict#PASS}
 * @param outcomes one per check, in the order of the checks
 * @param message the first failing check with its value and threshold, or why inconclusive, or that
 *     every check passed
 */
public record Evaluation(Verdict verdict, List<Outcome> outcomes, String message) {

  /** What an interval or a single check concluded. */
  public enum Verdict {
    PASS("Pass", "Passed"),
    FAIL("Fail", "Failed"),
    INCONCLUSIVE("Inconclusive", "Inconclusive");

    private final String check;
    private final String result;

    Verdict(String check, String result) {
      this.check = check;
      this.result = result;
    }

    /** As written in status.lastAnalysis.checks[].verdict and the checks metric. */
    public String checkLabel() {
      return check;
    }

    /** As written in status.lastAnalysis.result. */
    public String resultLabel() {
      return result;
    }
  }

  /**
   * One check's outcome.
   *
   * @param check the check
   * @param value the canary's value (NaN when there was nothing to measure)
   * @param threshold the bound the value was held to: {@code max}, or for a relative check the
   *     lower of {@code max} and the stable-derived bound (NaN when there was none to compute)
   * @param stable for a relative check, the stable's value (NaN otherwise or when it had none)
   * @param verdict pass, fail, or inconclusive (with {@code why})
   * @param why for inconclusive: what was missing
   */
  public record Outcome(
      Check check, double value, double threshold, double stable, Verdict verdict, String why) {

    /** The outcome of an absolute check (threshold {@code max}, or {@code min} of a lower one). */
    public Outcome(Check check, double value, Verdict verdict, String why) {
      this(check, value, absoluteBound(check), Double.NaN, verdict, why);
    }

    /** The bound a check sets without the stable: {@code max}, {@code min} (> 0), or NaN. */
    static double absoluteBound(Check check) {
      if (check.lowerBound()) {
        return check.min() > 0 ? check.min() : Double.NaN;
      }
      return check.hasMax() ? check.max() : Double.NaN;
    }

    /** How a failing value relates to the threshold: {@code above}, or {@code below} a minimum. */
    public String relation() {
      return check.lowerBound() ? "below" : "above";
    }

    /** The value as written in status: up to 4 significant decimals, {@code n/a} for NaN. */
    public String formattedValue() {
      return format(value);
    }

    /**
     * The threshold as written in status ({@code n/a} when a relative bound had no stable value).
     */
    public String formattedMax() {
      return format(threshold);
    }

    /**
     * The threshold with where it comes from when the stable set it, e.g. {@code 12 (stable 10 +
     * 20%)}; otherwise {@link #formattedMax()}.
     */
    public String describedMax() {
      Check.Relative relative = check.relative();
      if (relative == null || Double.isNaN(stable)) {
        return formattedMax();
      }
      if (check.lowerBound()) {
        return relative.lowered(stable) < check.min()
            ? formattedMax()
            : formattedMax() + " (" + relative.describeDecrease(stable) + ")";
      }
      if (relative.bound(stable) > check.max()) {
        return formattedMax();
      }
      return formattedMax() + " (" + relative.describe(stable) + ")";
    }
  }

  public Evaluation {
    outcomes = List.copyOf(outcomes);
  }

  /** The first failing check, if any. */
  public Optional<Outcome> failed() {
    return outcomes.stream().filter(o -> o.verdict() == Verdict.FAIL).findFirst();
  }

  /** A number as written in status and messages: at most 4 decimals, no trailing zeros. */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return new java.math.BigDecimal(value)
        .setScale(4, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
