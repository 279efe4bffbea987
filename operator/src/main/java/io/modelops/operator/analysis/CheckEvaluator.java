package io.modelops.operator.analysis;

import io.modelops.operator.analysis.Evaluation.Outcome;
import io.modelops.operator.analysis.Evaluation.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one interval: the canary's {@link TrackWindow} against each {@link Check}, with the
 * stable's window as the reference for score drift. Pure.
 *
 * <ul>
 *   <li>fewer than {@link #MIN_REQUESTS} canary requests in the interval: every check is
 *       inconclusive ("no traffic"), so is the interval;
 *   <li>{@code P99LatencyMs}: 99th percentile of the canary's successful (2xx) requests, PromQL's
 *       {@code histogram_quantile} over the interval's bucket deltas; inconclusive when no request
 *       succeeded (the error check then speaks);
 *   <li>{@code P50LatencyMs}: the median of the same requests, the same way (a canary whose typical
 *       request got slower while its tail did not);
 *   <li>{@code RequestRate}: the canary's requests per second per pod, a lower bound (see {@link
 *       Check#lowerBound()}); judged even under {@link #MIN_REQUESTS}, since too little traffic is
 *       what it looks for; relative to the stable's per-pod rate, it catches a canary that gets
 *       less than its replicas' share of the traffic;
 *   <li>{@code ErrorRatio}: canary 5xx answers (503 included) / canary requests;
 *   <li>{@code ScoreDriftPSI}: {@link Psi} between the canary's and the stable's {@code
 *       modelops_runtime_output_value} deltas, the largest over the outputs both tracks report;
 *       inconclusive when either side has fewer than {@link #MIN_SCORES} values of an output, or no
 *       output is shared.
 * </ul>
 *
 * A relative check ({@code relativeTo: Stable}) is held to the stable's value of the same figure
 * over the same interval raised by {@code maxIncrease} (a percentage of it, or an amount in the
 * metric's unit), and to {@code max} too when that is set; it is inconclusive when the stable
 * served fewer than {@link #MIN_REQUESTS} requests or has no value (no successful request), unless
 * the canary is already above {@code max}.
 *
 * <p>A value above its {@code max} fails the check. Any failed check fails the interval; otherwise
 * any inconclusive check makes it inconclusive; otherwise it passes.
 */
public final class CheckEvaluator {

  /** Canary requests an interval needs before any check is trusted. */
  public static final int MIN_REQUESTS = 20;

  /** Output values each track needs in an interval before PSI is trusted. */
  public static final int MIN_SCORES = 100;

  private CheckEvaluator() {}

  /** The evaluation of one interval. */
  public static Evaluation evaluate(List<Check> checks, TrackWindow canary, TrackWindow stable) {
    if (canary.pods() == 0) {
      return inconclusive(
          checks, "no data: no ready canary pod could be scraped over the interval");
    }
    String noTraffic = null;
    if (canary.requests() < MIN_REQUESTS) {
      noTraffic =
          "no traffic: the canary served "
              + Evaluation.format(canary.requests())
              + " requests in the interval, at least "
              + MIN_REQUESTS
              + " needed";
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Check check : checks) {
      // too little traffic is exactly what a RequestRate check measures
      outcomes.add(
          noTraffic == null || check.lowerBound()
              ? judge(check, canary, stable)
              : new Outcome(check, Double.NaN, Verdict.INCONCLUSIVE, noTraffic));
    }
    Optional<Outcome> failed =
        outcomes.stream().filter(o -> o.verdict() == Verdict.FAIL).findFirst();
    if (failed.isPresent()) {
      Outcome f = failed.get();
      return new Evaluation(
          Verdict.FAIL,
          outcomes,
          f.check().metric()
              + " "
              + f.formattedValue()
              + " "
              + f.relation()
              + " "
              + f.describedMax());
    }
    Optional<Outcome> open =
        outcomes.stream().filter(o -> o.verdict() == Verdict.INCONCLUSIVE).findFirst();
    if (open.isPresent()) {
      return new Evaluation(
          Verdict.INCONCLUSIVE,
          outcomes,
          noTraffic != null ? noTraffic : open.get().check().metric() + ": " + open.get().why());
    }
    return new Evaluation(Verdict.PASS, outcomes, "all " + outcomes.size() + " checks passed");
  }

  private static Outcome judge(Check check, TrackWindow canary, TrackWindow stable) {
    return switch (check.metric()) {
      case P99LatencyMs ->
          bound(
              check,
              canary.latencyMs(0.99),
              "no successful canary request",
              stable,
              stable.latencyMs(0.99),
              "no successful stable request");
      case P50LatencyMs ->
          bound(
              check,
              canary.latencyMs(0.5),
              "no successful canary request",
              stable,
              stable.latencyMs(0.5),
              "no successful stable request");
      case ErrorRatio ->
          bound(
              check,
              canary.errorRatio(),
              "no canary request",
              stable,
              stable.errorRatio(),
              "no stable request");
      case RequestRate -> floor(check, canary, stable);
      case ScoreDriftPSI -> drift(check, canary, stable);
    };
  }

  /**
   * A lower bound on the canary's requests per second per pod: below {@code min} fails; a relative
   * check is then held to the stable's per-pod rate lowered by the allowed decrease, and is
   * inconclusive when the stable served too little to compare with.
   */
  private static Outcome floor(Check check, TrackWindow canary, TrackWindow stable) {
    double value = canary.requestRatePerPod();
    if (Double.isNaN(value)) {
      return new Outcome(check, value, Verdict.INCONCLUSIVE, "no canary pod over the interval");
    }
    if (value < check.min()) {
      return new Outcome(check, value, Verdict.FAIL, null);
    }
    Check.Relative relative = check.relative();
    if (relative == null) {
      return new Outcome(check, value, Verdict.PASS, null);
    }
    String whyNoStable = whyNoStable(stable);
    if (whyNoStable != null) {
      return new Outcome(
          check,
          value,
          Outcome.absoluteBound(check),
          Double.NaN,
          Verdict.INCONCLUSIVE,
          whyNoStable);
    }
    double stableValue = stable.requestRatePerPod();
    double threshold = Math.max(check.min(), relative.lowered(stableValue));
    return new Outcome(
        check,
        value,
        threshold,
        stableValue,
        value < threshold ? Verdict.FAIL : Verdict.PASS,
        null);
  }

  /** Why the stable cannot be compared with (no pod answered, too little traffic), or null. */
  private static String whyNoStable(TrackWindow stable) {
    if (stable.pods() == 0) {
      return "relative to stable: no data for the stable track";
    }
    if (stable.requests() < MIN_REQUESTS) {
      return "relative to stable: the stable served "
          + Evaluation.format(stable.requests())
          + " requests in the interval, at least "
          + MIN_REQUESTS
          + " needed";
    }
    return null;
  }

  /**
   * An absolute bound, then for a relative check the stable-derived one: a value above {@code max}
   * fails whatever the stable did; a relative check whose stable has too little traffic or no value
   * is inconclusive.
   */
  private static Outcome bound(
      Check check,
      double value,
      String whyNaN,
      TrackWindow stable,
      double stableValue,
      String whyStableNaN) {
    if (Double.isNaN(value)) {
      return new Outcome(check, value, Verdict.INCONCLUSIVE, whyNaN);
    }
    if (value > check.max()) {
      return new Outcome(check, value, Verdict.FAIL, null);
    }
    Check.Relative relative = check.relative();
    if (relative == null) {
      return new Outcome(check, value, Verdict.PASS, null);
    }
    String whyNoStable = whyNoStable(stable);
    if (whyNoStable == null && Double.isNaN(stableValue)) {
      whyNoStable = "relative to stable: " + whyStableNaN;
    }
    if (whyNoStable != null) {
      double threshold = check.hasMax() ? check.max() : Double.NaN;
      return new Outcome(check, value, threshold, Double.NaN, Verdict.INCONCLUSIVE, whyNoStable);
    }
    double threshold = Math.min(check.max(), relative.bound(stableValue));
    return new Outcome(
        check,
        value,
        threshold,
        stableValue,
        value > threshold ? Verdict.FAIL : Verdict.PASS,
        null);
  }

  private static Outcome bound(Check check, double value, String whyNaN) {
    if (Double.isNaN(value)) {
      return new Outcome(check, value, Verdict.INCONCLUSIVE, whyNaN);
    }
    return new Outcome(check, value, value > check.max() ? Verdict.FAIL : Verdict.PASS, null);
  }

  private static Outcome drift(Check check, TrackWindow canary, TrackWindow stable) {
    double worst = Double.NaN;
    String missing = "no output scores on both tracks";
    for (Map.Entry<String, Histogram> output : canary.outputs().entrySet()) {
      Histogram c = output.getValue();
      Histogram s = stable.outputs().get(output.getKey());
      if (s == null) {
        continue;
      }
      if (c.count() < MIN_SCORES || s.count() < MIN_SCORES) {
        missing =
            "output "
                + output.getKey()
                + " has "
                + Evaluation.format(c.count())
                + " canary and "
                + Evaluation.format(s.count())
                + " stable values, at least "
                + MIN_SCORES
                + " each needed";
        continue;
      }
      Optional<Psi> psi;
      try {
        psi = Psi.between(c, s);
      } catch (IllegalArgumentException e) { // different bucket layouts: two runtime versions
        missing = "output " + output.getKey() + ": " + e.getMessage();
        continue;
      }
      if (psi.isPresent() && !(psi.get().value() <= worst)) {
        worst = psi.get().value();
      }
    }
    return bound(check, worst, missing);
  }

  /** Every check inconclusive for the same reason (no data, no traffic, a source that failed). */
  public static Evaluation inconclusive(List<Check> checks, String why) {
    List<Outcome> outcomes =
        checks.stream().map(c -> new Outcome(c, Double.NaN, Verdict.INCONCLUSIVE, why)).toList();
    return new Evaluation(Verdict.INCONCLUSIVE, outcomes, why);
  }
}
