package io.modelops.operator.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.operator.analysis.Psi.Drift;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PsiTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** Four buckets (0.25, 0.5, 0.75, +Inf] from per-bucket (non-cumulative) counts. */
  private static Histogram fourBuckets(double a, double b, double c, double d) {
    return HistogramTest.buckets(0.25, a, 0.5, a + b, 0.75, a + b + c, INF, a + b + c + d);
  }

  @Test
  void handComputedFourBuckets() {
    // canary shares 0.1 0.2 0.3 0.4, stable 0.25 each:
    //   (0.1-0.25)·ln(0.1/0.25) = -0.15 · -0.916291 = 0.137444
    //   (0.2-0.25)·ln(0.2/0.25) = -0.05 · -0.223144 = 0.011157
    //   (0.3-0.25)·ln(0.3/0.25) =  0.05 ·  0.182322 = 0.009116
    //   (0.4-0.25)·ln(0.4/0.25) =  0.15 ·  0.470004 = 0.070501
    //   PSI = 0.228217 → moderate
    Psi psi = Psi.between(fourBuckets(10, 20, 30, 40), fourBuckets(25, 25, 25, 25)).orElseThrow();
    assertEquals(0.2282174, psi.value(), 1e-6);
    assertEquals(Drift.MODERATE, psi.drift());
    // symmetric, and proportions (not counts) matter
    assertEquals(
        psi.value(),
        Psi.between(fourBuckets(1, 1, 1, 1), fourBuckets(1, 2, 3, 4)).orElseThrow().value(),
        1e-12);
  }

  @Test
  void emptyBucketsAreSmoothedWithEpsilon() {
    // canary shares 0 0.5 0.5 0 → 1e-4 0.5 0.5 1e-4; stable 0.25 each:
    //   outer buckets: (1e-4 - 0.25)·ln(1e-4/0.25) = -0.2499 · -7.824046 = 1.955229, twice
    //   inner buckets: (0.5 - 0.25)·ln(2)         =  0.25   ·  0.693147 = 0.173287, twice
    //   PSI = 4.257032 → significant
    Psi psi = Psi.between(fourBuckets(0, 50, 50, 0), fourBuckets(25, 25, 25, 25)).orElseThrow();
    assertEquals(4.257032, psi.value(), 1e-6);
    assertEquals(Drift.SIGNIFICANT, psi.drift());
  }

  @Test
  void disjointDistributionsReachTheBound() {
    // (1 - 1e-4)·ln(1/1e-4), twice = 18.4188 < 2·ln(1e4) = 18.4207
    double psi =
        Psi.between(fourBuckets(9, 0, 0, 0), fourBuckets(0, 0, 0, 3)).orElseThrow().value();
    assertEquals(2 * (1 - Psi.EPSILON) * Math.log(1 / Psi.EPSILON), psi, 1e-9);
    assertTrue(psi < 2 * Math.log(1 / Psi.EPSILON));
  }

  @Test
  void sameDistributionIsZero() {
    Psi psi = Psi.between(fourBuckets(3, 0, 6, 9), fourBuckets(1, 0, 2, 3)).orElseThrow();
    assertEquals(0, psi.value(), 1e-15);
    assertEquals(Drift.STABLE, psi.drift());
  }

  @Test
  void noObservationsIsNoDataNotZero() {
    Histogram none = fourBuckets(0, 0, 0, 0);
    Histogram some = fourBuckets(1, 2, 3, 4);
    assertEquals(Optional.empty(), Psi.between(none, some));
    assertEquals(Optional.empty(), Psi.between(some, none));
    assertEquals(Optional.empty(), Psi.between(Histogram.empty(), Histogram.empty()));
    assertEquals(Optional.empty(), Psi.between(fourBuckets(1, Double.NaN, 1, 1), some));
  }

  @Test
  void bucketsMustMatch() {
    Histogram other = Histogram.of(Map.of(0.3, 1.0, INF, 2.0), 2, 0);
    assertThrows(IllegalArgumentException.class, () -> Psi.between(fourBuckets(1, 1, 1, 1), other));
  }

  @Test
  void thresholds() {
    assertEquals(Drift.STABLE, new Psi(0.0999).drift());
    assertEquals(Drift.MODERATE, new Psi(0.1).drift());
    assertEquals(Drift.MODERATE, new Psi(0.25).drift());
    assertEquals(Drift.SIGNIFICANT, new Psi(0.2501).drift());
  }
}
