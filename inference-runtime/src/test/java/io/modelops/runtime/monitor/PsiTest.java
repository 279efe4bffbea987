package io.modelops.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PsiTest {

  @Test
  void binIsTheNumberOfEdgesAtOrBelowTheValue() {
    double[] edges = {-1, 0, 2};
    assertEquals(0, Psi.bin(edges, -5));
    assertEquals(0, Psi.bin(edges, -1.0000001));
    assertEquals(1, Psi.bin(edges, -1));
    assertEquals(1, Psi.bin(edges, -0.5));
    assertEquals(2, Psi.bin(edges, 0));
    assertEquals(2, Psi.bin(edges, 1.999));
    assertEquals(3, Psi.bin(edges, 2));
    assertEquals(3, Psi.bin(edges, 1e9));
    assertEquals(0, Psi.bin(new double[0], 3));
  }

  @Test
  void identicalDistributionGivesZero() {
    assertEquals(0.0, Psi.psi(new long[] {5, 5}, new double[] {0.5, 0.5}), 1e-12);
    assertEquals(0.0, Psi.psi(new long[] {10, 30, 60}, new double[] {0.1, 0.3, 0.6}), 1e-12);
  }

  @Test
  void shiftedDistributionGivesTheHandComputedValue() {
    // a = (0.75, 0.25), e = (0.5, 0.5): 0.25 ln 1.5 + 0.25 ln 2
    assertEquals(0.2746530721670274, Psi.psi(new long[] {3, 1}, new double[] {0.5, 0.5}), 1e-12);
    // four quartile bins, traffic moved up by one bin: a = (0 -> 1e-4, .25, .25, .5)
    assertEquals(
        2.1285158932529735,
        Psi.psi(new long[] {0, 25, 25, 50}, new double[] {0.25, 0.25, 0.25, 0.25}),
        1e-12);
  }

  @Test
  void emptyBinUsesEpsilonNotInfinity() {
    // a = (1, 0 -> 1e-4): 0.5 ln 2 + (1e-4 - 0.5) ln(1e-4 / 0.5)
    double psi = Psi.psi(new long[] {4, 0}, new double[] {0.5, 0.5});
    assertEquals(4.60431846666895, psi, 1e-12);
    assertTrue(Double.isFinite(psi));
  }

  @Test
  void noCountsIsNaN() {
    assertTrue(Double.isNaN(Psi.psi(new long[] {0, 0}, new double[] {0.5, 0.5})));
  }

  @Test
  void readsFromAnOffset() {
    assertEquals(
        0.2746530721670274, Psi.psi(new long[] {9, 9, 3, 1, 9}, 2, new double[] {0.5, 0.5}), 1e-12);
  }
}
