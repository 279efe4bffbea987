package io.modelops.operator.analysis;

import static io.modelops.operator.analysis.CheckEvaluatorTest.EVEN;
import static io.modelops.operator.analysis.CheckEvaluatorTest.INTERVAL;
import static io.modelops.operator.analysis.CheckEvaluatorTest.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.AnalysisBaseline;
import io.modelops.api.v1alpha1.AnalysisCheck;
import io.modelops.api.v1alpha1.AnalysisMetric;
import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.analysis.Check.Relative;
import io.modelops.operator.analysis.Evaluation.Outcome;
import io.modelops.operator.analysis.Evaluation.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks relative to the stable track ({@code relativeTo: Stable}, {@code maxIncrease}), against
 * hand-computed values. Latencies: every request of a track in one bucket, so p99 = lower + (upper
 * − lower) · 0.99; (0.005, 0.01] → 9.95 ms, (0.01, 0.025] → 24.85 ms.
 */
class RelativeCheckTest {

  static final Check P99_PLUS_20_PERCENT =
      Check.relative(AnalysisMetric.P99LatencyMs, Relative.parse("20%"), "t");
  static final Check P99_PLUS_5_MS =
      Check.relative(AnalysisMetric.P99LatencyMs, Relative.parse("5"), "t");
  static final Check ERRORS_PLUS_1_POINT =
      Check.relative(AnalysisMetric.ErrorRatio, Relative.parse("0.01"), "t");

  static final TrackWindow STABLE_9_95_MS = track(1000, 0, 0.01, EVEN);
  static final TrackWindow CANARY_9_95_MS = track(500, 0, 0.01, EVEN);
  static final TrackWindow CANARY_24_85_MS = track(500, 0, 0.025, EVEN);

  static Outcome only(Evaluation e) {
    assertEquals(1, e.outcomes().size());
    return e.outcomes().get(0);
  }

  @Test
  void percentOfTheStablesP99() {
    // bound 9.95 · 1.2 = 11.94
    Evaluation same =
        CheckEvaluator.evaluate(List.of(P99_PLUS_20_PERCENT), CANARY_9_95_MS, STABLE_9_95_MS);
    assertEquals(Verdict.PASS, same.verdict(), same.message());
    assertEquals("11.94", only(same).formattedMax());
    assertEquals(9.95, only(same).stable(), 1e-9);

    Evaluation slow =
        CheckEvaluator.evaluate(List.of(P99_PLUS_20_PERCENT), CANARY_24_85_MS, STABLE_9_95_MS);
    assertEquals(Verdict.FAIL, slow.verdict());
    assertEquals("24.85", only(slow).formattedValue());
    assertEquals("11.94", only(slow).formattedMax());
    assertEquals("P99LatencyMs 24.85 above 11.94 (stable 9.95 + 20%)", slow.message());
  }

  @Test
  void percentOfTheStablesP50() {
    // stable all in (0.005, 0.01]: p50 7.5 ms, bound 7.5 · 1.2 = 9; canary in (0.01, 0.025]:
    // 0.01 + 0.015 · 0.5 = 17.5 ms
    Check p50 = Check.relative(AnalysisMetric.P50LatencyMs, Relative.parse("20%"), "t");
    Evaluation slow = CheckEvaluator.evaluate(List.of(p50), CANARY_24_85_MS, STABLE_9_95_MS);
    assertEquals(Verdict.FAIL, slow.verdict());
    assertEquals("P50LatencyMs 17.5 above 9 (stable 7.5 + 20%)", slow.message());
    Evaluation same = CheckEvaluator.evaluate(List.of(p50), CANARY_9_95_MS, STABLE_9_95_MS);
    assertEquals(Verdict.PASS, same.verdict(), same.message());
  }

  @Test
  void anAmountAboveTheStablesP99() {
    // bound 9.95 + 5 = 14.95; a canary at 24.85 is 14.9 ms slower
    Evaluation slow =
        CheckEvaluator.evaluate(List.of(P99_PLUS_5_MS), CANARY_24_85_MS, STABLE_9_95_MS);
    assertEquals(Verdict.FAIL, slow.verdict());
    assertEquals("P99LatencyMs 24.85 above 14.95 (stable 9.95 + 5)", slow.message());
    // the same canary against a stable at 24.85 (bound 29.85) passes
    Evaluation asSlowAsStable =
        CheckEvaluator.evaluate(
            List.of(P99_PLUS_5_MS), CANARY_24_85_MS, track(1000, 0, 0.025, EVEN));
    assertEquals(Verdict.PASS, asSlowAsStable.verdict(), asSlowAsStable.message());
    assertEquals("29.85", only(asSlowAsStable).formattedMax());
  }

  @Test
  void errorRatioAboveTheStables() {
    // stable 10/1000 = 0.01 → bound 0.02
    TrackWindow stable = track(1000, 10, 0.01, EVEN);
    Evaluation atBound =
        CheckEvaluator.evaluate(List.of(ERRORS_PLUS_1_POINT), track(1000, 20, 0.01, EVEN), stable);
    assertEquals(Verdict.PASS, atBound.verdict(), atBound.message());
    Evaluation above =
        CheckEvaluator.evaluate(List.of(ERRORS_PLUS_1_POINT), track(1000, 30, 0.01, EVEN), stable);
    assertEquals(Verdict.FAIL, above.verdict());
    assertEquals("ErrorRatio 0.03 above 0.02 (stable 0.01 + 0.01)", above.message());
  }

  @Test
  void aStableWithoutDataOrTrafficIsInconclusive() {
    Evaluation noData =
        CheckEvaluator.evaluate(
            List.of(P99_PLUS_20_PERCENT), CANARY_24_85_MS, TrackWindow.empty(INTERVAL));
    assertEquals(Verdict.INCONCLUSIVE, noData.verdict());
    assertEquals("n/a", only(noData).formattedMax());
    assertTrue(noData.message().contains("no data for the stable track"), noData.message());

    Evaluation fewRequests =
        CheckEvaluator.evaluate(
            List.of(P99_PLUS_20_PERCENT), CANARY_24_85_MS, track(19, 0, 0.01, EVEN));
    assertEquals(Verdict.INCONCLUSIVE, fewRequests.verdict());
    assertTrue(
        fewRequests.message().contains("the stable served 19 requests"), fewRequests.message());

    // the stable answered only errors: it has no latency to compare with
    Evaluation noSuccess =
        CheckEvaluator.evaluate(
            List.of(P99_PLUS_20_PERCENT), CANARY_24_85_MS, track(100, 100, 0.01, EVEN));
    assertEquals(Verdict.INCONCLUSIVE, noSuccess.verdict());
    assertTrue(noSuccess.message().contains("no successful stable request"), noSuccess.message());
  }

  @Test
  void maxStillBoundsARelativeCheck() {
    Check both =
        new Check(AnalysisMetric.P99LatencyMs, 20, Relative.parse("100%"), "t"); // 19.9 vs 20
    Evaluation pass = CheckEvaluator.evaluate(List.of(both), CANARY_9_95_MS, STABLE_9_95_MS);
    assertEquals(Verdict.PASS, pass.verdict());
    assertEquals("19.9", only(pass).formattedMax(), "the lower of max and the relative bound");
    // above max: fails even when the stable has no data
    Evaluation fail =
        CheckEvaluator.evaluate(List.of(both), CANARY_24_85_MS, TrackWindow.empty(INTERVAL));
    assertEquals(Verdict.FAIL, fail.verdict());
    assertEquals("P99LatencyMs 24.85 above 20", fail.message());
    // within max, stable without data: inconclusive, threshold max
    Evaluation open =
        CheckEvaluator.evaluate(List.of(both), CANARY_9_95_MS, TrackWindow.empty(INTERVAL));
    assertEquals(Verdict.INCONCLUSIVE, open.verdict());
    assertEquals("20", only(open).formattedMax());
  }

  @Test
  void checksResolveRelativeFields() {
    AnalysisCheck relativeOnly = check(AnalysisMetric.P99LatencyMs, null, "20%");
    AnalysisCheck withMax = check(AnalysisMetric.ErrorRatio, "0.05", "0.01");
    AnalysisCheck psi = check(AnalysisMetric.ScoreDriftPSI, "0.2", "10%");
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setChecks(List.of(relativeOnly, withMax, psi));
    CanarySpec canary = new CanarySpec();
    canary.setAnalysis(analysis);
    ReleaseSpec release = new ReleaseSpec();
    release.setCanary(canary);
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setRelease(release);
    SloSpec slo = new SloSpec();
    slo.setLatencyP99("50ms");
    spec.setSlo(slo);

    List<Check> checks = Checks.of(spec);
    assertEquals(3, checks.size());
    Check p99 = checks.get(0);
    assertEquals(new Relative(20, true), p99.relative(), "the explicit check replaces the SLO's");
    assertEquals(Double.POSITIVE_INFINITY, p99.max());
    assertEquals(new Relative(0.01, false), checks.get(1).relative());
    assertEquals(0.05, checks.get(1).max());
    assertNull(checks.get(2).relative(), "PSI is already relative to the stable");
  }

  @Test
  void relativeBoundsParse() {
    assertEquals(12.0, Relative.parse("20%").bound(10), 1e-12);
    assertEquals(15.0, Relative.parse("5").bound(10), 1e-12);
    assertEquals(0.0, Relative.parse("50%").bound(0), "a percentage of 0 allows nothing");
    assertThrows(NumberFormatException.class, () -> Relative.parse("x%"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Check(AnalysisMetric.ErrorRatio, Double.POSITIVE_INFINITY, "t"));
  }

  private static AnalysisCheck check(AnalysisMetric metric, String max, String increase) {
    AnalysisCheck c = new AnalysisCheck();
    c.setMetric(metric);
    c.setMax(max);
    c.setRelativeTo(AnalysisBaseline.Stable);
    c.setMaxIncrease(increase);
    return c;
  }
}
