package io.modelops.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplicaSplitTest {

  @Test
  void handPickedSplits() {
    // N=4, s=0, 25%: ceil(1.0) = 1 canary, 3 stable → 25% served
    assertEquals(new ReplicaSplit(1, 3), ReplicaSplit.forStep(4, 25, 0));
    // N=4, s=1, 25%: the surge keeps stable at 4 → 1/5 = 20% served
    assertEquals(new ReplicaSplit(1, 4), ReplicaSplit.forStep(4, 25, 1));
    assertEquals(0.2, ReplicaSplit.forStep(4, 25, 1).effectiveWeight(), 1e-12);
    // N=3, s=1, 50%: ceil(1.5) = 2 canary, stable min(3, 4 - 2) = 2 → 50%
    assertEquals(new ReplicaSplit(2, 2), ReplicaSplit.forStep(3, 50, 1));
    // N=10, s=0, 10%: exactly 1 canary, 9 stable
    assertEquals(new ReplicaSplit(1, 9), ReplicaSplit.forStep(10, 10, 0));
    // N=10, s=2, 1%: 0.1 of a pod rounds up to 1 canary; stable stays 10 → 1/11 served
    assertEquals(new ReplicaSplit(1, 10), ReplicaSplit.forStep(10, 1, 2));
    // N=2, s=0, 90%: ceil(1.8) = 2 would leave no stable pod: capped at N + s - 1 = 1
    assertEquals(new ReplicaSplit(1, 1), ReplicaSplit.forStep(2, 90, 0));
    // N=1, s=0: no room for both; any non-zero weight takes the only pod (100% served)
    assertEquals(new ReplicaSplit(1, 0), ReplicaSplit.forStep(1, 10, 0));
    assertEquals(1.0, ReplicaSplit.forStep(1, 10, 0).effectiveWeight());
    // N=1, s=1: canary on the surge pod, stable keeps its pod → 50% served
    assertEquals(new ReplicaSplit(1, 1), ReplicaSplit.forStep(1, 10, 1));
    assertEquals(new ReplicaSplit(0, 5), ReplicaSplit.forStep(5, 0, 2));
    assertEquals(new ReplicaSplit(5, 0), ReplicaSplit.forStep(5, 100, 2));
    assertEquals(new ReplicaSplit(0, 0), ReplicaSplit.forStep(0, 50, 1));
    assertTrue(Double.isNaN(ReplicaSplit.forStep(0, 50, 1).effectiveWeight()));
  }

  @Test
  void refusesOutOfRangeInput() {
    assertThrows(IllegalArgumentException.class, () -> ReplicaSplit.forStep(-1, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> ReplicaSplit.forStep(1, 101, 0));
    assertThrows(IllegalArgumentException.class, () -> ReplicaSplit.forStep(1, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> ReplicaSplit.forStep(1, 10, -1));
    assertThrows(IllegalArgumentException.class, () -> new ReplicaSplit(-1, 0));
  }

  /** Every weight 0..100 for N = 0..12 and surge 0..3. */
  @Test
  void invariantsHoldForEveryCombination() {
    for (int n = 0; n <= 12; n++) {
      for (int s = 0; s <= 3; s++) {
        ReplicaSplit previous = null;
        for (int w = 0; w <= 100; w++) {
          ReplicaSplit split = ReplicaSplit.forStep(n, w, s);
          String at = "N=" + n + " s=" + s + " w=" + w + " → " + split;
          assertTrue(split.canary() <= n && split.stable() <= n, at);
          assertTrue(split.total() <= n + s, "GPU budget: " + at);
          assertTrue(split.total() >= n, "capacity never below N: " + at);
          if (n > 0 && w > 0) {
            assertTrue(split.canary() >= 1, "non-zero weight, non-zero canary: " + at);
          }
          if (n > 0 && w < 100 && n + s >= 2) {
            assertTrue(split.stable() >= 1, "a stable pod while the canary is partial: " + at);
          }
          if (n > 0 && w > 0 && w < 100 && n + s >= 2) {
            int share = (int) Math.ceil(w * n / 100.0);
            assertEquals(Math.max(1, Math.min(share, n + s - 1)), split.canary(), at);
          }
          if (previous != null) {
            assertTrue(split.canary() >= previous.canary(), "canary grows with w: " + at);
            assertTrue(split.stable() <= previous.stable(), "stable shrinks with w: " + at);
          }
          previous = split;
        }
      }
    }
  }
}
