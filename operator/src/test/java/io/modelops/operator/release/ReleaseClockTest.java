package io.modelops.operator.release;

import static io.modelops.operator.testing.CanaryAnalysisFixtures.oneStepCanary;
import static io.modelops.operator.testing.CanaryAnalysisFixtures.progressingSince;
import static io.modelops.operator.testing.CanaryAnalysisFixtures.withSlo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.ResolvedSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When an analysis interval wants a reconcile of its own. */
class ReleaseClockTest {
  private static final Instant STEP = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final ResolvedSpec SPEC = oneStepCanary(withSlo("ns", "ranker"), INTERVAL);

  private static Optional<Instant> at(ReleaseStatus release, Instant now) {
    return ReleaseClock.nextLook(SPEC, release, now);
  }

  @Test
  void baselinesShortlyAfterTheStepStartsThenTheEnd() {
    ReleaseStatus step = progressingSince(STEP);
    Instant baseline = STEP.plus(ReleaseClock.BASELINE_DELAY);
    assertEquals(Optional.of(baseline), at(step, STEP));
    assertEquals(Optional.of(baseline), at(step, STEP.plusMillis(499)));
    assertEquals(Optional.of(STEP.plus(INTERVAL)), at(step, baseline));
    assertEquals(Optional.of(STEP.plus(INTERVAL)), at(step, STEP.plusMillis(4_999)));
    assertEquals(Optional.empty(), at(step, STEP.plus(INTERVAL)), "due: the scrape takes over");
    assertEquals(Optional.empty(), at(step, STEP.plusSeconds(60)));
    assertEquals(
        Optional.of(Duration.ofMillis(4_000)),
        ReleaseClock.untilNextLook(SPEC, step, STEP.plusMillis(1_000)));
  }

  @Test
  void theNextIntervalStartsAtTheLastCountedOne() {
    ReleaseStatus step = progressingSince(STEP);
    Instant counted = STEP.plus(INTERVAL).plusSeconds(1); // status times are whole seconds
    step.setLastAnalysisAt(Conditions.format(counted));
    assertEquals(
        Optional.of(counted.plus(ReleaseClock.BASELINE_DELAY)), at(step, counted.plusMillis(10)));
    assertEquals(Optional.of(counted.plus(INTERVAL)), at(step, counted.plusSeconds(1)));
  }

  @Test
  void nothingOutsideAnAnalysedStep() {
    assertEquals(Optional.empty(), at(null, STEP));
    ReleaseStatus healthy = progressingSince(STEP);
    healthy.setPhase(ReleasePhase.Healthy);
    assertEquals(Optional.empty(), at(healthy, STEP));
    ReleaseStatus scaling = new ReleaseStatus();
    scaling.setPhase(ReleasePhase.Progressing); // the step's split not reached yet
    assertEquals(Optional.empty(), at(scaling, STEP));
    CanaryRelease unanalysed =
        new CanaryRelease(
            SPEC.canary().orElseThrow().steps(),
            1,
            INTERVAL,
            2,
            SPEC.canary().orElseThrow().inconclusive(),
            false,
            Optional.empty());
    ResolvedSpec plain =
        new ResolvedSpec(
            SPEC.md(), null, 2, false, Duration.ofMinutes(15), false, Optional.of(unanalysed));
    assertEquals(Optional.empty(), ReleaseClock.nextLook(plain, progressingSince(STEP), STEP));
  }
}
