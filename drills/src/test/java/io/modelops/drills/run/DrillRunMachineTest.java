package io.modelops.drills.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillTrack;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.drills.schedule.KillSwitch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transition of the drill state machine, one row each. */
class DrillRunMachineTest {

  static final Instant NOW = Instant.parse("2026-05-01T03:00:30Z");
  static final Instant INJECTED = Instant.parse("2026-05-01T03:00:00Z");
  static final DrillRunMachine MACHINE = new DrillRunMachine(Clock.fixed(NOW, ZoneOffset.UTC));

  /** PodKill, 60 s duration, RTO 20 s, timeout 2 m, abort at 5 % errors or 500 ms p99. */
  static RunPlan plan(FaultType fault, boolean absorbed) {
    return new RunPlan(
        fault,
        DrillTrack.Stable,
        Duration.ofSeconds(60),
        Duration.ofSeconds(20),
        Duration.ofMinutes(2),
        0.05,
        Optional.of(Duration.ofMillis(500)),
        true,
        2,
        true,
        false,
        absorbed);
  }

  static final RunPlan KILL = plan(FaultType.PodKill, true);
  static final RunPlan LATENCY = plan(FaultType.RuntimeLatency, false);
  static final TargetState HEALTHY = new TargetState(true, true, 3, "Healthy", false);
  static final ProbeWindow CLEAN = new ProbeWindow(100, 0, Duration.ofMillis(20), true);

  static RunObservation seen(DrillRunPhase phase) {
    return new RunObservation(
        phase,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        KillSwitch.OFF,
        HEALTHY,
        CLEAN,
        false);
  }

  static RunObservation injected(DrillRunPhase phase, Instant at) {
    var s = seen(phase);
    return new RunObservation(
        phase,
        Optional.of(at),
        s.faultRemovalTime(),
        s.recoveryTime(),
        s.abortReason(),
        s.abortOrder(),
        s.killSwitch(),
        s.target(),
        s.probes(),
        s.recovered());
  }

  static UnaryOperator<RunObservation> target(TargetState t) {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            s.faultRemovalTime(),
            s.recoveryTime(),
            s.abortReason(),
            s.abortOrder(),
            s.killSwitch(),
            t,
            s.probes(),
            s.recovered());
  }

  static UnaryOperator<RunObservation> kill() {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            s.faultRemovalTime(),
            s.recoveryTime(),
            s.abortReason(),
            s.abortOrder(),
            KillSwitch.engagedBy("operator setting"),
            s.target(),
            s.probes(),
            s.recovered());
  }

  static UnaryOperator<RunObservation> order(RunReason reason) {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            s.faultRemovalTime(),
            s.recoveryTime(),
            s.abortReason(),
            Optional.of(new Note(reason, "ordered")),
            s.killSwitch(),
            s.target(),
            s.probes(),
            s.recovered());
  }

  static UnaryOperator<RunObservation> probes(ProbeWindow w) {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            s.faultRemovalTime(),
            s.recoveryTime(),
            s.abortReason(),
            s.abortOrder(),
            s.killSwitch(),
            s.target(),
            w,
            s.recovered());
  }

  static UnaryOperator<RunObservation> recovered() {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            s.faultRemovalTime(),
            s.recoveryTime(),
            s.abortReason(),
            s.abortOrder(),
            s.killSwitch(),
            s.target(),
            s.probes(),
            true);
  }

  static UnaryOperator<RunObservation> removedAt(Instant t) {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            Optional.of(t),
            s.recoveryTime(),
            s.abortReason(),
            s.abortOrder(),
            s.killSwitch(),
            s.target(),
            s.probes(),
            s.recovered());
  }

  static UnaryOperator<RunObservation> recoveredAt(Instant t) {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            s.faultRemovalTime(),
            Optional.of(t),
            s.abortReason(),
            s.abortOrder(),
            s.killSwitch(),
            s.target(),
            s.probes(),
            s.recovered());
  }

  static UnaryOperator<RunObservation> aborting(RunReason reason) {
    return s ->
        new RunObservation(
            s.phase(),
            s.injectionTime(),
            s.faultRemovalTime(),
            s.recoveryTime(),
            Optional.of(new Note(reason, "aborted")),
            s.abortOrder(),
            s.killSwitch(),
            s.target(),
            s.probes(),
            s.recovered());
  }

  static final Instant SECONDS_AGO_10 = NOW.minusSeconds(10);
  static final Instant MINUTES_AGO_3 = NOW.minusSeconds(180);

  /**
   * phase, plan, observation, expected phase, action, verdict (null: none), reason (null: none),
   * rto in seconds (-1: none).
   */
  static Stream<Arguments> table() {
    return Stream.of(
        row(
            "guards pass",
            KILL,
            seen(DrillRunPhase.Pending),
            DrillRunPhase.Injecting,
            RunAction.RECORD,
            null,
            null,
            -1),
        row(
            "kill switch",
            KILL,
            kill().apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.KillSwitch,
            -1),
        row(
            "abort order before start",
            KILL,
            order(RunReason.Blackout).apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.Blackout,
            -1),
        row(
            "target missing",
            KILL,
            target(TargetState.MISSING).apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.TargetNotFound,
            -1),
        row(
            "target not ready",
            KILL,
            target(new TargetState(true, false, 3, null, false)).apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.TargetNotReady,
            -1),
        row(
            "too few ready",
            KILL,
            target(new TargetState(true, true, 1, null, false)).apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.TooFewReadyReplicas,
            -1),
        row(
            "release progressing",
            KILL,
            target(new TargetState(true, true, 3, "Progressing", true))
                .apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.ReleaseInProgress,
            -1),
        row(
            "release paused",
            KILL,
            target(new TargetState(true, true, 3, "Paused", true))
                .apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.ReleaseInProgress,
            -1),
        row(
            "release promoting",
            KILL,
            target(new TargetState(true, true, 3, "Promoting", true))
                .apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            DrillVerdict.Skipped,
            RunReason.ReleaseInProgress,
            -1),
        row(
            "release rolled back is over",
            KILL,
            target(new TargetState(true, true, 3, "RolledBack", false))
                .apply(seen(DrillRunPhase.Pending)),
            DrillRunPhase.Injecting,
            RunAction.RECORD,
            null,
            null,
            -1),
        row(
            "inject",
            KILL,
            seen(DrillRunPhase.Injecting),
            DrillRunPhase.Observing,
            RunAction.INJECT,
            null,
            null,
            -1),
        row(
            "abort before injecting",
            KILL,
            order(RunReason.Replaced).apply(seen(DrillRunPhase.Injecting)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            RunReason.Replaced,
            -1),
        row(
            "release before injecting",
            KILL,
            target(new TargetState(true, true, 3, "Progressing", true))
                .apply(seen(DrillRunPhase.Injecting)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            RunReason.ReleaseInProgress,
            -1),
        row(
            "holding",
            LATENCY,
            injected(DrillRunPhase.Observing, SECONDS_AGO_10),
            DrillRunPhase.Observing,
            RunAction.NONE,
            null,
            null,
            -1),
        row(
            "absorbed recovery seen while holding",
            KILL,
            recovered().apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Observing,
            RunAction.NONE,
            null,
            null,
            10),
        row(
            "not absorbed: recovery only counts after removal",
            LATENCY,
            recovered().apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Observing,
            RunAction.NONE,
            null,
            null,
            -1),
        row(
            "duration over",
            LATENCY,
            injected(DrillRunPhase.Observing, NOW.minusSeconds(60)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            null,
            -1),
        row(
            "error ratio burn",
            LATENCY,
            probes(new ProbeWindow(100, 6, Duration.ofMillis(20), false))
                .apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            RunReason.SloBurn,
            -1),
        row(
            "p99 burn",
            LATENCY,
            probes(new ProbeWindow(100, 0, Duration.ofMillis(600), true))
                .apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            RunReason.SloBurn,
            -1),
        row(
            "too few requests never burn",
            LATENCY,
            probes(new ProbeWindow(4, 4, Duration.ofSeconds(2), false))
                .apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Observing,
            RunAction.NONE,
            null,
            null,
            -1),
        row(
            "release mid-drill",
            LATENCY,
            target(new TargetState(true, true, 3, "Progressing", true))
                .apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            RunReason.ReleaseInProgress,
            -1),
        row(
            "kill switch mid-drill",
            LATENCY,
            kill().apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            RunReason.KillSwitch,
            -1),
        row(
            "blackout mid-drill",
            LATENCY,
            order(RunReason.Blackout).apply(injected(DrillRunPhase.Observing, SECONDS_AGO_10)),
            DrillRunPhase.Recovering,
            RunAction.REMOVE,
            null,
            RunReason.Blackout,
            -1),
        row(
            "waiting for recovery",
            LATENCY,
            removedAt(SECONDS_AGO_10).apply(injected(DrillRunPhase.Recovering, MINUTES_AGO_3)),
            DrillRunPhase.Recovering,
            RunAction.NONE,
            null,
            null,
            -1),
        row(
            "recovered from removal within RTO",
            LATENCY,
            recovered()
                .apply(
                    removedAt(SECONDS_AGO_10)
                        .apply(injected(DrillRunPhase.Recovering, MINUTES_AGO_3))),
            DrillRunPhase.Completed,
            RunAction.NONE,
            DrillVerdict.Passed,
            RunReason.RtoMet,
            10),
        row(
            "recovered exactly at the RTO",
            LATENCY,
            recovered()
                .apply(
                    removedAt(NOW.minusSeconds(20))
                        .apply(injected(DrillRunPhase.Recovering, MINUTES_AGO_3))),
            DrillRunPhase.Completed,
            RunAction.NONE,
            DrillVerdict.Passed,
            RunReason.RtoMet,
            20),
        row(
            "recovered too late",
            LATENCY,
            recovered()
                .apply(
                    removedAt(NOW.minusSeconds(21))
                        .apply(injected(DrillRunPhase.Recovering, MINUTES_AGO_3))),
            DrillRunPhase.Completed,
            RunAction.NONE,
            DrillVerdict.Failed,
            RunReason.RtoExceeded,
            21),
        row(
            "absorbed: RTO from injection, seen while holding",
            KILL,
            recoveredAt(INJECTED.plusSeconds(7))
                .apply(removedAt(NOW).apply(injected(DrillRunPhase.Recovering, INJECTED))),
            DrillRunPhase.Completed,
            RunAction.NONE,
            DrillVerdict.Passed,
            RunReason.RtoMet,
            7),
        row(
            "absorbed: RTO from injection, seen after",
            KILL,
            recovered()
                .apply(
                    removedAt(SECONDS_AGO_10).apply(injected(DrillRunPhase.Recovering, INJECTED))),
            DrillRunPhase.Completed,
            RunAction.NONE,
            DrillVerdict.Failed,
            RunReason.RtoExceeded,
            30),
        row(
            "never recovered",
            LATENCY,
            removedAt(MINUTES_AGO_3)
                .apply(injected(DrillRunPhase.Recovering, NOW.minusSeconds(240))),
            DrillRunPhase.Completed,
            RunAction.NONE,
            DrillVerdict.Failed,
            RunReason.RecoveryTimeout,
            -1),
        row(
            "aborted and recovered",
            LATENCY,
            aborting(RunReason.SloBurn)
                .apply(
                    recovered()
                        .apply(
                            removedAt(SECONDS_AGO_10)
                                .apply(injected(DrillRunPhase.Recovering, MINUTES_AGO_3)))),
            DrillRunPhase.Aborted,
            RunAction.NONE,
            DrillVerdict.Aborted,
            RunReason.SloBurn,
            10),
        row(
            "aborted and never recovered",
            LATENCY,
            aborting(RunReason.SloBurn)
                .apply(
                    removedAt(MINUTES_AGO_3)
                        .apply(injected(DrillRunPhase.Recovering, MINUTES_AGO_3))),
            DrillRunPhase.Aborted,
            RunAction.NONE,
            DrillVerdict.Aborted,
            RunReason.SloBurn,
            -1),
        row(
            "aborted before any injection",
            LATENCY,
            aborting(RunReason.Replaced)
                .apply(
                    recovered()
                        .apply(removedAt(SECONDS_AGO_10).apply(seen(DrillRunPhase.Recovering)))),
            DrillRunPhase.Aborted,
            RunAction.NONE,
            DrillVerdict.Aborted,
            RunReason.Replaced,
            10),
        row(
            "terminal stays",
            KILL,
            seen(DrillRunPhase.Completed),
            DrillRunPhase.Completed,
            RunAction.NONE,
            null,
            null,
            -1),
        row(
            "skipped stays",
            KILL,
            kill().apply(seen(DrillRunPhase.Skipped)),
            DrillRunPhase.Skipped,
            RunAction.NONE,
            null,
            null,
            -1));
  }

  static Arguments row(
      String name,
      RunPlan plan,
      RunObservation seen,
      DrillRunPhase phase,
      RunAction action,
      DrillVerdict verdict,
      RunReason reason,
      int rtoSeconds) {
    return Arguments.of(name, plan, seen, phase, action, verdict, reason, rtoSeconds);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void transition(
      String name,
      RunPlan plan,
      RunObservation seen,
      DrillRunPhase phase,
      RunAction action,
      DrillVerdict verdict,
      RunReason reason,
      int rtoSeconds) {
    RunStep step = MACHINE.decide(plan, seen);
    assertEquals(phase, step.phase(), "phase");
    assertEquals(action, step.action(), "action");
    assertEquals(Optional.ofNullable(verdict), step.verdict(), "verdict");
    assertEquals(Optional.ofNullable(reason), step.note().map(Note::reason), "reason");
    assertEquals(
        rtoSeconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(rtoSeconds)),
        step.rto(),
        "rto");
    if (action == RunAction.INJECT) {
      assertEquals(Optional.of(NOW), step.injectionTime());
    }
    if (action == RunAction.REMOVE) {
      assertEquals(Optional.of(NOW), step.faultRemovalTime());
    }
    assertEquals(
        step.verdict().isPresent()
            || phase == DrillRunPhase.Completed
            || phase == DrillRunPhase.Skipped,
        step.requeueAfter().isEmpty(),
        "requeue iff active");
  }
}
