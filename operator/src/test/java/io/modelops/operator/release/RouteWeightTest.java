package io.modelops.operator.release;

import static io.modelops.operator.release.ReleaseMachineTest.healthy;
import static io.modelops.operator.release.ReleaseMachineTest.input;
import static io.modelops.operator.release.ReleaseMachineTest.observed;
import static io.modelops.operator.release.ReleaseMachineTest.progressing;
import static io.modelops.operator.release.ReleaseMachineTest.promoting;
import static io.modelops.operator.release.ReleaseMachineTest.rolledBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The HTTPRoute weight and grey rule the machine decides (GatewayAPI routing), per phase. */
class RouteWeightTest {

  private static ReleasePlan decide(ReleaseMachineTest.Situation s) {
    return new ReleaseMachine().decide(input(s));
  }

  @Test
  void healthyAndRolledBackSendEverythingToStable() {
    assertEquals(0, decide(healthy()).routeWeight());
    assertFalse(decide(healthy()).greyRouted());
    assertEquals(0, decide(rolledBack().with(s -> observed(s, 0, 4))).routeWeight());
  }

  @Test
  void aStepWeighsOnceItsSplitIsReached() {
    var scaling =
        decide(progressing(0, null, 0, 0).with(s -> ReleaseMachineTest.observedUnready(s, 1, 4)));
    assertEquals(0, scaling.routeWeight(), "step 1 not reached: nothing on the canary yet");
    assertFalse(scaling.greyRouted());
    var reached = decide(progressing(0, null, 0, 0).with(s -> observed(s, 1, 4)));
    assertEquals(25, reached.routeWeight());
    assertTrue(reached.greyRouted());
    var moving = decide(progressing(1, null, 1, 0).with(s -> observed(s, 1, 4)));
    assertEquals(25, moving.routeWeight(), "step 2 not reached: step 1's weight holds");
    assertTrue(moving.greyRouted());
  }

  @Test
  void promotingFollowsTheReadyPods() {
    var plan = decide(promoting().with(s -> observed(s, 3, 1)));
    assertEquals(75, plan.routeWeight());
    assertFalse(plan.greyRouted());
  }
}
