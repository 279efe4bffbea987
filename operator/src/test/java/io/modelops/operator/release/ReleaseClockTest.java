package io.modelops.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelops.api.v1alpha1.InconclusivePolicy;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.ResolvedSpec;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseClockTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Duration TICK = Duration.ofSeconds(5);

  @Test
  void noIntervalRunningWaitsForTheTick() {
    assertEquals(TICK, ReleaseClock.nextLook(spec("5s"), null, null, T0, TICK));
    ReleaseStatus scaling = status(ReleasePhase.Progressing, null, null);
    assertEquals(TICK, ReleaseClock.nextLook(spec("5s"), scaling, scaling, T0, TICK));
    ReleaseStatus healthy = status(ReleasePhase.Healthy, T0, null);
    assertEquals(TICK, ReleaseClock.nextLook(spec("5s"), healthy, healthy, T0, TICK));
  }

  @Test
  void anIntervalStartedAtThisReconcileIsLookedAtSoonForItsBaselines() {
    // the step's split was reached now
    assertEquals(
        ReleaseClock.FIRST_LOOK,
        ReleaseClock.nextLook(
            spec("5s"),
            status(ReleasePhase.Progressing, null, null),
            status(ReleasePhase.Progressing, T0, null),
            T0.plusMillis(300),
            TICK));
    // a verdict was counted now: the next interval starts
    assertEquals(
        ReleaseClock.FIRST_LOOK,
        ReleaseClock.nextLook(
            spec("5s"),
            status(ReleasePhase.Progressing, T0, T0.plusSeconds(5)),
            status(ReleasePhase.Progressing, T0, T0.plusSeconds(10)),
            T0.plusSeconds(10),
            TICK));
    // a tick shorter than the first look wins
    assertEquals(
        Duration.ofMillis(200),
        ReleaseClock.nextLook(
            spec("5s"),
            null,
            status(ReleasePhase.Progressing, T0, null),
            T0,
            Duration.ofMillis(200)));
  }

  @Test
  void aRunningIntervalIsLookedAtWhenDueButNeverLaterThanTheTick() {
    ReleaseStatus running = status(ReleasePhase.Progressing, T0, null);
    // 5 s interval, 1.5 s in: due in 3.5 s, before the tick
    assertEquals(
        Duration.ofMillis(3500),
        ReleaseClock.nextLook(spec("5s"), running, running, T0.plusMillis(1500), TICK));
    // a paused release keeps judging intervals
    ReleaseStatus paused = status(ReleasePhase.Paused, T0, T0.plusSeconds(30));
    assertEquals(
        Duration.ofSeconds(4),
        ReleaseClock.nextLook(spec("5s"), paused, paused, T0.plusSeconds(31), TICK));
    // 30 s interval, 2 s in: the tick comes first
    assertEquals(
        TICK, ReleaseClock.nextLook(spec("30s"), running, running, T0.plusSeconds(2), TICK));
    // due and not judged yet (a source waiting for data): at the tick
    assertEquals(
        TICK, ReleaseClock.nextLook(spec("5s"), running, running, T0.plusSeconds(5), TICK));
    assertEquals(
        TICK, ReleaseClock.nextLook(spec("5s"), running, running, T0.plusSeconds(7), TICK));
  }

  @Test
  void aRollingUpdateHasNoAnalysis() {
    ResolvedSpec rolling =
        new ResolvedSpec(
            ModelDeployments.sample("search", "ctr", 2),
            null,
            2,
            false,
            Duration.ofMinutes(15),
            false,
            Optional.empty());
    ReleaseStatus running = status(ReleasePhase.Progressing, T0, null);
    assertEquals(TICK, ReleaseClock.nextLook(rolling, null, running, T0, TICK));
  }

  static ReleaseStatus status(ReleasePhase phase, Instant stepStarted, Instant lastAnalysis) {
    ReleaseStatus s = new ReleaseStatus();
    s.setPhase(phase);
    s.setStepStartedAt(stepStarted == null ? null : Conditions.format(stepStarted));
    s.setLastAnalysisAt(lastAnalysis == null ? null : Conditions.format(lastAnalysis));
    return s;
  }

  static ResolvedSpec spec(String interval) {
    return new ResolvedSpec(
        ModelDeployments.sample("search", "ctr", 2),
        null,
        2,
        false,
        Duration.ofMinutes(15),
        false,
        Optional.of(
            new CanaryRelease(
                List.of(new CanaryRelease.Step(50, Duration.ofMinutes(1))),
                1,
                Duration.ofSeconds(Long.parseLong(interval.replace("s", ""))),
                1,
                InconclusivePolicy.Pause,
                true,
                Optional.empty())));
  }
}
