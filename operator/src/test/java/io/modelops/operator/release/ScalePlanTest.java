package io.modelops.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalePlanTest {

  private static final List<List<Integer>> STEP_LISTS =
      List.of(
          List.of(10, 25, 50, 100),
          List.of(1, 5, 10, 20, 50, 80, 100),
          List.of(33, 66, 100),
          List.of(5, 50, 99));

  @Test
  void growsIntoTheSurgeFirstThenShrinksThenGrows() {
    // N=4, s=1: 25% (1 canary, 4 stable) → 50% (2 canary, 3 stable); no headroom left (5 of 5):
    // stable goes 4 → 3 first, then the canary 1 → 2
    assertEquals(
        List.of(new ReplicaSplit(1, 3), new ReplicaSplit(2, 3)),
        ScalePlan.phases(new ReplicaSplit(1, 4), new ReplicaSplit(2, 3), 5));
    // start of a release with N=4, s=1: the canary pod comes on the surge, nothing shrinks
    assertEquals(
        List.of(new ReplicaSplit(1, 4)),
        ScalePlan.phases(new ReplicaSplit(0, 4), new ReplicaSplit(1, 4), 5));
    // N=4, s=2, 50% (2, 4) → 100% (4, 0): the canary grows to the budget (no headroom: 6 of 6),
    // stable 4 → 0, then the canary 2 → 4
    assertEquals(
        List.of(new ReplicaSplit(2, 0), new ReplicaSplit(4, 0)),
        ScalePlan.phases(new ReplicaSplit(2, 4), new ReplicaSplit(4, 0), 6));
    // rollback N=4, s=2 from 100% (4, 0): stable takes both surge pods first, the canary goes,
    // stable refills
    assertEquals(
        List.of(new ReplicaSplit(4, 2), new ReplicaSplit(0, 2), new ReplicaSplit(0, 4)),
        ScalePlan.phases(new ReplicaSplit(4, 0), new ReplicaSplit(0, 4), 6));
    // rollback N=4, s=1 from (2, 3): no headroom, the canary goes first, stable refills
    assertEquals(
        List.of(new ReplicaSplit(0, 3), new ReplicaSplit(0, 4)),
        ScalePlan.phases(new ReplicaSplit(2, 3), new ReplicaSplit(0, 4), 5));
    assertEquals(List.of(), ScalePlan.phases(new ReplicaSplit(1, 3), new ReplicaSplit(1, 3), 4));
    assertThrows(
        IllegalArgumentException.class,
        () -> ScalePlan.phases(new ReplicaSplit(0, 4), new ReplicaSplit(2, 3), 4));
  }

  /**
   * N = 1..10, surge 0..2, each step list walked from 0% to 100% and rolled back from every step:
   * every phase keeps the budget and moves each track one way only.
   */
  @Test
  void everyTransitionOfTypicalStepListsKeepsTheBudget() {
    int transitions = 0;
    for (List<Integer> steps : STEP_LISTS) {
      for (int n = 1; n <= 10; n++) {
        for (int s = 0; s <= 2; s++) {
          List<ReplicaSplit> walk = new ArrayList<>();
          walk.add(ReplicaSplit.forStep(n, 0, s));
          for (int w : steps) {
            walk.add(ReplicaSplit.forStep(n, w, s));
          }
          ReplicaSplit stable = walk.get(0);
          for (int i = 1; i < walk.size(); i++) {
            check(walk.get(i - 1), walk.get(i), n, s, steps);
            check(walk.get(i), stable, n, s, steps);
            transitions += 2;
          }
        }
      }
    }
    assertTrue(transitions > 400, "walked " + transitions);
  }

  private static void check(ReplicaSplit from, ReplicaSplit to, int n, int s, List<Integer> steps) {
    List<ReplicaSplit> phases = ScalePlan.phases(from, to, n + s);
    String at = "steps " + steps + " N=" + n + " s=" + s + " " + from + " → " + to + ": " + phases;
    if (from.equals(to)) {
      assertTrue(phases.isEmpty(), at);
      return;
    }
    assertEquals(to, phases.get(phases.size() - 1), at);
    ReplicaSplit previous = from;
    for (ReplicaSplit phase : phases) {
      assertFalse(phase.equals(previous), "no empty phase: " + at);
      assertTrue(phase.total() <= n + s, "GPU budget: " + at);
      int dc = Integer.signum(phase.canary() - previous.canary());
      int ds = Integer.signum(phase.stable() - previous.stable());
      assertTrue(dc * ds >= 0, "one direction per phase, so no moment exceeds it: " + at);
      previous = phase;
    }
    assertTrue(phases.size() <= 3, at);
  }
}
