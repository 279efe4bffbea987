package io.modelops.operator.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.AnalysisCheck;
import io.modelops.api.v1alpha1.AnalysisMetric;
import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.analysis.Evaluation.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckEvaluatorTest {

  static final Duration INTERVAL = Duration.ofSeconds(30);
  static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
  static final double[] SCORE_BOUNDS = {0.25, 0.5, 0.75, 1.0};

  static final Check P99 = new Check(AnalysisMetric.P99LatencyMs, 100, "test");
  static final Check ERRORS = new Check(AnalysisMetric.ErrorRatio, 0.01, "test");
  static final Check P50 = new Check(AnalysisMetric.P50LatencyMs, 10, "test");
  static final Check PSI = new Check(AnalysisMetric.ScoreDriftPSI, 0.2, "test");

  /** {@code n} observations all in the bucket whose upper bound is {@code le}. */
  static Histogram all(double[] bounds, double le, double n) {
    Map<Double, Double> cumulative = new TreeMap<>();
    for (double b : bounds) {
      cumulative.put(b, b >= le ? n : 0);
    }
    cumulative.put(Double.POSITIVE_INFINITY, n);
    return Histogram.of(cumulative, n, n * le);
  }

  /** Scores spread over the four score buckets with these counts. */
  static Histogram scores(double... perBucket) {
    Map<Double, Double> cumulative = new TreeMap<>();
    double total = 0;
    for (int i = 0; i < SCORE_BOUNDS.length; i++) {
      total += perBucket[i];
      cumulative.put(SCORE_BOUNDS[i], total);
    }
    cumulative.put(Double.POSITIVE_INFINITY, total);
    return Histogram.of(cumulative, total, 0);
  }

  static TrackWindow track(double requests, double errors5xx, double latencyLe, Histogram scores) {
    return new TrackWindow(
        2,
        INTERVAL,
        requests,
        errors5xx,
        requests - errors5xx > 0
            ? all(LATENCY_BOUNDS, latencyLe, requests - errors5xx)
            : Histogram.empty(),
        scores == null ? Map.of() : Map.of("score", scores));
  }

  static final Histogram EVEN = scores(100, 100, 100, 100);
  static final Histogram SHIFTED = scores(10, 40, 150, 200);
  static final TrackWindow STABLE = track(1000, 0, 0.01, EVEN);

  static Stream<Arguments> table() {
    return Stream.of(
        // P99: all in (0.005, 0.01] → 0.005 + 0.005 · 0.99 = 9.95 ms
        Arguments.of("p99 within", P99, track(100, 0, 0.01, EVEN), Verdict.PASS, "9.95"),
        // all in (0.1, 0.25] → 0.1 + 0.15 · 0.99 = 248.5 ms
        Arguments.of("p99 above", P99, track(100, 0, 0.25, EVEN), Verdict.FAIL, "248.5"),
        Arguments.of(
            "p99 just under max passes",
            new Check(AnalysisMetric.P99LatencyMs, 9.96, "t"),
            track(100, 0, 0.01, EVEN),
            Verdict.PASS,
            "9.95"),
        Arguments.of(
            "p99 without a successful request",
            P99,
            track(100, 100, 0.01, EVEN),
            Verdict.INCONCLUSIVE,
            "n/a"),
        // P50: all in (0.005, 0.01] → 0.005 + 0.005 · 0.5 = 7.5 ms
        Arguments.of("p50 within", P50, track(100, 0, 0.01, EVEN), Verdict.PASS, "7.5"),
        // all in (0.025, 0.05] → 0.025 + 0.025 · 0.5 = 37.5 ms
        Arguments.of("p50 above", P50, track(100, 0, 0.05, EVEN), Verdict.FAIL, "37.5"),
        Arguments.of(
            "p50 without a successful request",
            P50,
            track(100, 100, 0.01, EVEN),
            Verdict.INCONCLUSIVE,
            "n/a"),
        Arguments.of("errors within", ERRORS, track(1000, 10, 0.01, EVEN), Verdict.PASS, "0.01"),
        // 503s count: 5xx by status, whatever the runtime's outcome label
        Arguments.of("errors above", ERRORS, track(100, 20, 0.01, EVEN), Verdict.FAIL, "0.2"),
        Arguments.of("no drift", PSI, track(400, 0, 0.01, EVEN), Verdict.PASS, "0"),
        Arguments.of("drift", PSI, track(400, 0, 0.01, SHIFTED), Verdict.FAIL, "0.8795"),
        Arguments.of(
            "too few scores for PSI",
            PSI,
            track(400, 0, 0.01, scores(10, 10, 10, 10)),
            Verdict.INCONCLUSIVE,
            "n/a"),
        Arguments.of(
            "no scores on the canary", PSI, track(400, 0, 0.01, null), Verdict.INCONCLUSIVE, "n/a"),
        Arguments.of(
            "no traffic: below the minimum of requests",
            ERRORS,
            track(CheckEvaluator.MIN_REQUESTS - 1, 0, 0.01, EVEN),
            Verdict.INCONCLUSIVE,
            "n/a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void judgesOneCheck(String name, Check check, TrackWindow canary, Verdict verdict, String value) {
    Evaluation e = CheckEvaluator.evaluate(List.of(check), canary, STABLE);
    assertEquals(verdict, e.verdict(), e.message());
    assertEquals(1, e.outcomes().size());
    assertEquals(verdict, e.outcomes().get(0).verdict());
    assertEquals(value, e.outcomes().get(0).formattedValue());
  }

  @Test
  void p50AndP99ReadTheSameRequestsAtDifferentRanks() {
    // 60 requests in (0.005, 0.01], 40 in (0.025, 0.05]: rank 50 is in the first bucket,
    // 0.005 + 0.005 · 50/60 = 9.1667 ms; rank 99 in the second, 0.025 + 0.025 · 39/40 = 49.375 ms
    Map<Double, Double> cumulative = new TreeMap<>();
    for (double b : LATENCY_BOUNDS) {
      cumulative.put(b, b < 0.01 ? 0.0 : b < 0.05 ? 60.0 : 100.0);
    }
    cumulative.put(Double.POSITIVE_INFINITY, 100.0);
    TrackWindow canary =
        new TrackWindow(2, INTERVAL, 100, 0, Histogram.of(cumulative, 100, 2), Map.of());
    Evaluation e = CheckEvaluator.evaluate(List.of(P50, P99), canary, STABLE);
    assertEquals("9.1667", e.outcomes().get(0).formattedValue());
    assertEquals(Verdict.PASS, e.outcomes().get(0).verdict());
    assertEquals("49.375", e.outcomes().get(1).formattedValue());
    assertEquals(Verdict.PASS, e.verdict(), "a slower tail inside 100 ms");
    Evaluation tight =
        CheckEvaluator.evaluate(
            List.of(new Check(AnalysisMetric.P50LatencyMs, 9, "t"), P99), canary, STABLE);
    assertEquals(Verdict.FAIL, tight.verdict());
    assertEquals("P50LatencyMs 9.1667 above 9", tight.message());
  }

  static final Check AT_LEAST_5 = Check.atLeast(AnalysisMetric.RequestRate, 5, null, "t");

  @Test
  void requestRateIsALowerBoundPerPod() {
    // 600 requests in 30 s on 2 pods: 10 per second per pod; 120: 2
    Evaluation busy =
        CheckEvaluator.evaluate(List.of(AT_LEAST_5), track(600, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.PASS, busy.verdict(), busy.message());
    assertEquals("10", busy.outcomes().get(0).formattedValue());
    assertEquals("5", busy.outcomes().get(0).formattedMax());
    Evaluation starved =
        CheckEvaluator.evaluate(List.of(AT_LEAST_5), track(120, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.FAIL, starved.verdict());
    assertEquals("RequestRate 2 below 5", starved.message());
  }

  @Test
  void requestRateIsJudgedBelowTheMinimumOfRequests() {
    // 10 requests (under MIN_REQUESTS) in 30 s on 2 pods: 0.1667 per pod, under 5: a failure the
    // no-traffic rule must not hide; P99 stays inconclusive
    Evaluation e =
        CheckEvaluator.evaluate(List.of(P99, AT_LEAST_5), track(10, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.FAIL, e.verdict());
    assertEquals("RequestRate 0.1667 below 5", e.message());
    assertEquals(Verdict.INCONCLUSIVE, e.outcomes().get(0).verdict());
    // a low bound that the trickle meets: no failure, the other check still has no traffic
    Check atLeastATenth = Check.atLeast(AnalysisMetric.RequestRate, 0.1, null, "t");
    Evaluation trickle =
        CheckEvaluator.evaluate(List.of(P99, atLeastATenth), track(10, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.INCONCLUSIVE, trickle.verdict());
    assertTrue(trickle.message().startsWith("no traffic: the canary served 10"), trickle.message());
    assertEquals(Verdict.PASS, trickle.outcomes().get(1).verdict());
  }

  @Test
  void requestRateRelativeToTheStablesPerPodShare() {
    Check halfOfStable =
        Check.relative(AnalysisMetric.RequestRate, Check.Relative.parse("50%"), "t");
    // stable: 1000 requests / 30 s / 2 pods = 16.6667; bound 8.3333
    Evaluation fair =
        CheckEvaluator.evaluate(List.of(halfOfStable), track(600, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.PASS, fair.verdict(), fair.message());
    assertEquals("8.3333", fair.outcomes().get(0).formattedMax());
    Evaluation starved =
        CheckEvaluator.evaluate(List.of(halfOfStable), track(300, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.FAIL, starved.verdict());
    assertEquals("RequestRate 5 below 8.3333 (stable 16.6667 − 50%)", starved.message());
    // per pod: one canary pod with 150 requests and four stable pods with 600 both serve 5/s
    TrackWindow oneCanaryPod =
        new TrackWindow(1, INTERVAL, 150, 0, all(LATENCY_BOUNDS, 0.01, 150), Map.of());
    TrackWindow fourStablePods =
        new TrackWindow(4, INTERVAL, 600, 0, all(LATENCY_BOUNDS, 0.01, 600), Map.of());
    Check within20 = Check.relative(AnalysisMetric.RequestRate, Check.Relative.parse("20%"), "t");
    Evaluation share = CheckEvaluator.evaluate(List.of(within20), oneCanaryPod, fourStablePods);
    assertEquals(Verdict.PASS, share.verdict(), share.message());
    assertEquals("5", share.outcomes().get(0).formattedValue());
    assertEquals(5.0, share.outcomes().get(0).stable(), 1e-12);
    // an amount: stable 16.6667 − 10 = 6.6667, the canary's 5 is below
    Check minus10 = Check.relative(AnalysisMetric.RequestRate, Check.Relative.parse("10"), "t");
    assertEquals(
        "RequestRate 5 below 6.6667 (stable 16.6667 − 10)",
        CheckEvaluator.evaluate(List.of(minus10), track(300, 0, 0.01, EVEN), STABLE).message());
    // a quiet stable gives nothing to compare with
    Evaluation quietStable =
        CheckEvaluator.evaluate(
            List.of(halfOfStable), track(300, 0, 0.01, EVEN), track(10, 0, 0.01, EVEN));
    assertEquals(Verdict.INCONCLUSIVE, quietStable.verdict());
  }

  @Test
  void psiMatchesTheHandComputedValue() {
    // shares c = .025 .1 .375 .5, s = .25 each:
    // (.025-.25)ln(.1) + (.1-.25)ln(.4) + (.375-.25)ln(1.5) + (.5-.25)ln(2)
    // = .5181 + .1374 + .0507 + .1733 = 0.8795 (the +Inf bucket is empty on both sides: 0)
    double expected =
        (0.025 - 0.25) * Math.log(0.1)
            + (0.1 - 0.25) * Math.log(0.4)
            + (0.125) * Math.log(1.5)
            + 0.25 * Math.log(2);
    Evaluation e = CheckEvaluator.evaluate(List.of(PSI), track(400, 0, 0.01, SHIFTED), STABLE);
    assertEquals(expected, e.outcomes().get(0).value(), 1e-9);
  }

  @Test
  void anyFailureFailsTheIntervalAndNamesTheFirst() {
    Evaluation e =
        CheckEvaluator.evaluate(List.of(P99, ERRORS, PSI), track(100, 20, 0.25, EVEN), STABLE);
    assertEquals(Verdict.FAIL, e.verdict());
    assertEquals("P99LatencyMs 248.5 above 100", e.message());
    assertEquals(AnalysisMetric.P99LatencyMs, e.failed().orElseThrow().check().metric());
  }

  @Test
  void anInconclusiveCheckWithoutFailureMakesTheIntervalInconclusive() {
    Evaluation e = CheckEvaluator.evaluate(List.of(ERRORS, PSI), track(400, 0, 0.01, null), STABLE);
    assertEquals(Verdict.INCONCLUSIVE, e.verdict());
    assertEquals(Verdict.PASS, e.outcomes().get(0).verdict());
    assertTrue(e.message().startsWith("ScoreDriftPSI: "), e.message());
  }

  @Test
  void allPassing() {
    Evaluation e =
        CheckEvaluator.evaluate(List.of(P99, ERRORS, PSI), track(400, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.PASS, e.verdict());
    assertEquals("all 3 checks passed", e.message());
  }

  @Test
  void noTrafficAndNoPodsAreInconclusiveForEveryCheck() {
    Evaluation quiet =
        CheckEvaluator.evaluate(List.of(P99, ERRORS), track(3, 0, 0.01, EVEN), STABLE);
    assertEquals(Verdict.INCONCLUSIVE, quiet.verdict());
    assertTrue(quiet.message().startsWith("no traffic: the canary served 3 requests"));
    assertTrue(quiet.outcomes().stream().allMatch(o -> o.verdict() == Verdict.INCONCLUSIVE));

    Evaluation none = CheckEvaluator.evaluate(List.of(P99), TrackWindow.empty(INTERVAL), STABLE);
    assertEquals(Verdict.INCONCLUSIVE, none.verdict());
    assertTrue(none.message().startsWith("no data"), none.message());
  }

  @Test
  void psiNeedsTheStableToo() {
    Evaluation e =
        CheckEvaluator.evaluate(
            List.of(PSI), track(400, 0, 0.01, EVEN), TrackWindow.empty(INTERVAL));
    assertEquals(Verdict.INCONCLUSIVE, e.verdict());
  }

  @Test
  void checksComeFromTheSloAndTheExplicitListWhichWins() {
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    SloSpec slo = new SloSpec();
    slo.setLatencyP99("50ms");
    slo.setAvailability("99.5");
    spec.setSlo(slo);
    List<Check> derived = Checks.of(spec);
    assertEquals(2, derived.size());
    assertEquals(new Check(AnalysisMetric.P99LatencyMs, 50, "spec.slo.latencyP99"), derived.get(0));
    assertEquals(AnalysisMetric.ErrorRatio, derived.get(1).metric());
    assertEquals(0.005, derived.get(1).max(), 1e-12, "availability 99.5% → error ratio 0.005");

    slo.setErrorRatio("0.02");
    AnalysisCheck latency = new AnalysisCheck();
    latency.setMetric(AnalysisMetric.P99LatencyMs);
    latency.setMax("80");
    AnalysisCheck psi = new AnalysisCheck();
    psi.setMetric(AnalysisMetric.ScoreDriftPSI);
    psi.setMax("0.2");
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setChecks(List.of(psi, latency));
    CanarySpec canary = new CanarySpec();
    canary.setAnalysis(analysis);
    ReleaseSpec release = new ReleaseSpec();
    release.setCanary(canary);
    spec.setRelease(release);
    String explicit = "spec.release.canary.analysis.checks";
    assertEquals(
        List.of(
            new Check(AnalysisMetric.P99LatencyMs, 80, explicit),
            new Check(AnalysisMetric.ErrorRatio, 0.02, "spec.slo.errorRatio"),
            new Check(AnalysisMetric.ScoreDriftPSI, 0.2, explicit)),
        Checks.of(spec));
    assertEquals(List.of(), Checks.of(new ModelDeploymentSpec()));
  }

  @Test
  void aRequestRateCheckTakesMinAndMaxDecrease() {
    AnalysisCheck rate = new AnalysisCheck();
    rate.setMetric(AnalysisMetric.RequestRate);
    rate.setMin("0.5");
    rate.setRelativeTo(io.modelops.api.v1alpha1.AnalysisBaseline.Stable);
    rate.setMaxDecrease("30%");
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setChecks(List.of(rate));
    CanarySpec canary = new CanarySpec();
    canary.setAnalysis(analysis);
    ReleaseSpec release = new ReleaseSpec();
    release.setCanary(canary);
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setRelease(release);
    Check check = Checks.of(spec).get(0);
    assertEquals(
        Check.atLeast(
            AnalysisMetric.RequestRate,
            0.5,
            new Check.Relative(30, true),
            "spec.release.canary.analysis.checks"),
        check);
    assertTrue(check.lowerBound());
    rate.setMin(null);
    assertEquals(0, Checks.of(spec).get(0).min(), "relative only");
  }
}
