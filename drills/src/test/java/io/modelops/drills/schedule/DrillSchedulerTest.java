package io.modelops.drills.schedule;

import static io.modelops.drills.schedule.MissedRunsTest.decideAt;
import static io.modelops.drills.schedule.Runs.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.ConcurrencyPolicy;
import io.modelops.api.v1alpha1.DrillScheduleSpec;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.drills.schedule.ScheduleDecision.AbortOrder;
import io.modelops.drills.schedule.ScheduleDecision.Note;
import io.modelops.drills.schedule.ScheduleDecision.PlannedRun;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Concurrency, blackout windows, the kill switch, suspend and invalid specs. */
class DrillSchedulerTest {

  private static ScheduleInput input(DrillScheduleSpec spec, List<ExistingRun> runs, KillSwitch k) {
    return new ScheduleInput(
        "nightly",
        spec,
        at("2026-05-01T00:00:30Z"),
        Optional.of(at("2026-05-01T10:00:00Z")),
        Optional.empty(),
        runs,
        k);
  }

  @ParameterizedTest(name = "{0} with an active run")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          -,       false, false
          Forbid,  false, false
          Allow,   true,  false
          Replace, true,  true
          """)
  void concurrencyPolicy(ConcurrencyPolicy policy, boolean creates, boolean aborts) {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setConcurrencyPolicy(policy);
    ScheduleDecision d =
        decideAt(
            input(
                spec, List.of(Runs.active("nightly-old", "2026-05-01T10:00:00Z")), KillSwitch.OFF),
            at("2026-05-01T11:00:01Z"));
    assertEquals(creates, d.create().isPresent());
    assertEquals(
        aborts ? List.of("nightly-old") : List.of(),
        d.abort().stream().map(AbortOrder::run).toList());
    if (aborts) {
      assertEquals(ScheduleReason.Replaced, d.abort().get(0).reason());
    }
    if (!creates) {
      assertTrue(d.notes().stream().anyMatch(n -> n.reason() == ScheduleReason.ConcurrencyForbid));
      assertEquals(Optional.empty(), d.lastScheduleTime(), "a held-back time stays unrecorded");
    }
    assertEquals(Optional.of(at("2026-05-01T12:00:00.100Z")), d.requeueAt());
  }

  @Test
  void forbidStartsTheHeldBackRunLateOnceTheActiveOneEnds() {
    DrillScheduleSpec spec = Runs.hourly();
    var finished = Runs.finished("nightly-old", "2026-05-01T10:00:00Z", DrillVerdict.Passed);
    ScheduleDecision d =
        decideAt(input(spec, List.of(finished), KillSwitch.OFF), at("2026-05-01T11:20:00Z"));
    assertEquals(
        Optional.of(at("2026-05-01T11:00:00Z")), d.create().map(PlannedRun::scheduledTime));
    assertEquals(
        "nightly-" + at("2026-05-01T11:00:00Z").getEpochSecond() / 60, d.create().get().name());
    spec.setStartingDeadlineSeconds(600L);
    d = decideAt(input(spec, List.of(finished), KillSwitch.OFF), at("2026-05-01T11:20:00Z"));
    assertEquals(Optional.empty(), d.create());
    assertEquals(Optional.of(at("2026-05-01T11:00:00Z")), d.missed());
  }

  @Test
  void aRunAlreadyCreatedIsNotCreatedAgain() {
    String name = "nightly-" + at("2026-05-01T11:00:00Z").getEpochSecond() / 60;
    ScheduleDecision d =
        decideAt(
            input(
                Runs.hourly(), List.of(Runs.active(name, "2026-05-01T11:00:01Z")), KillSwitch.OFF),
            at("2026-05-01T11:00:05Z"));
    assertEquals(Optional.empty(), d.create());
  }

  @Test
  void insideAnAbsoluteBlackoutTheDueRunIsSkippedAndActiveRunsAborted() {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setConcurrencyPolicy(ConcurrencyPolicy.Allow);
    spec.setBlackoutWindows(
        List.of(
            Runs.absolute(
                "Singles Day", "2026-05-01T08:00:00+08:00", "2026-05-02T00:00:00+08:00")));
    ScheduleDecision d =
        decideAt(
            input(
                spec, List.of(Runs.active("nightly-old", "2026-05-01T10:55:00Z")), KillSwitch.OFF),
            at("2026-05-01T11:00:01Z"));
    Note skip = d.create().orElseThrow().skip().orElseThrow();
    assertEquals(ScheduleReason.Blackout, skip.reason());
    assertTrue(skip.message().contains("Singles Day"), skip.message());
    assertEquals(
        List.of(
            new AbortOrder(
                "nightly-old",
                ScheduleReason.Blackout,
                "blackout window \"Singles Day\" started at 2026-05-01T00:00:00Z")),
        d.abort());
    assertEquals(Optional.of(at("2026-05-01T11:00:00Z")), d.lastScheduleTime(), "consumed");
  }

  @Test
  void aRunThatWouldStillBeGoingWhenAWindowStartsIsSkipped() {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setBlackoutWindows(
        List.of(Runs.absolute("Sale", "2026-05-01T11:05:00Z", "2026-05-01T12:00:00Z")));
    ScheduleDecision d =
        decideAt(input(spec, List.of(), KillSwitch.OFF), at("2026-05-01T11:00:01Z"));
    assertTrue(d.create().orElseThrow().skip().orElseThrow().message().contains("starts at"));
  }

  @Test
  void anActiveRunIsAbortedAtTheStartOfAWindowThatBeginsBeforeItsEnd() {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setBlackoutWindows(
        List.of(Runs.absolute("Sale", "2026-05-01T10:30:00Z", "2026-05-01T12:00:00Z")));
    var run = Runs.active("nightly-old", "2026-05-01T10:25:00Z"); // expected end 10:36
    ScheduleDecision d =
        decideAt(input(spec, List.of(run), KillSwitch.OFF), at("2026-05-01T10:26:00Z"));
    assertEquals(List.of(), d.abort());
    assertEquals(Optional.of(at("2026-05-01T10:30:00Z")), d.requeueAt());
    d = decideAt(input(spec, List.of(run), KillSwitch.OFF), at("2026-05-01T10:30:00Z"));
    assertEquals(List.of("nightly-old"), d.abort().stream().map(AbortOrder::run).toList());
  }

  @ParameterizedTest(name = "evening peak at {0}: blocked {1}")
  @CsvSource(
      textBlock =
          """
          2026-05-01T17:59:00+02:00, false
          2026-05-01T18:00:00+02:00, true
          2026-05-01T22:59:00+02:00, true
          2026-05-01T23:00:00+02:00, false
          2026-10-25T22:30:00+01:00, true
          """)
  void recurringWindowInItsOwnZone(String now, boolean blocked) {
    BlackoutCalendar calendar =
        BlackoutCalendar.of(
            List.of(Runs.recurring("Evening peak", "0 18 * * *", "5h", "Europe/Berlin")), "UTC");
    assertEquals(
        blocked, calendar.covering(java.time.OffsetDateTime.parse(now).toInstant()).isPresent());
  }

  @Test
  void killSwitchAbortsActiveRunsAndSkipsTheDueOne() {
    ScheduleDecision d =
        decideAt(
            input(
                Runs.hourly(),
                List.of(Runs.active("nightly-old", "2026-05-01T10:55:00Z")),
                KillSwitch.engagedBy("namespace annotation")),
            at("2026-05-01T11:00:01Z"));
    assertEquals(ScheduleReason.KillSwitch, d.create().orElseThrow().skip().orElseThrow().reason());
    assertEquals(ScheduleReason.KillSwitch, d.abort().get(0).reason());
  }

  @Test
  void suspendCreatesNothingAndHasNoNextRunButTheKillSwitchStillAborts() {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setSuspend(true);
    var run = Runs.active("nightly-old", "2026-05-01T10:55:00Z");
    ScheduleDecision d =
        decideAt(input(spec, List.of(run), KillSwitch.OFF), at("2026-05-01T13:00:01Z"));
    assertEquals(Optional.empty(), d.create());
    assertEquals(Optional.empty(), d.nextScheduleTime());
    assertEquals(List.of(), d.abort());
    d =
        decideAt(
            input(spec, List.of(run), KillSwitch.engagedBy("operator setting")),
            at("2026-05-01T13:00:01Z"));
    assertEquals(1, d.abort().size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          0 * * * *,  Mars/Olympus, UnknownTimeZone
          0 * * * 7,  UTC,          InvalidSchedule
          """)
  void invalidSpecsAreReportedNotScheduled(String cron, String zone, ScheduleReason reason) {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setSchedule(cron);
    spec.setTimeZone(zone);
    ScheduleDecision d =
        decideAt(input(spec, List.of(), KillSwitch.OFF), at("2026-05-01T11:00:01Z"));
    assertEquals(reason, d.invalid().orElseThrow().reason());
    assertEquals(Optional.empty(), d.create());
    assertEquals(Optional.empty(), d.requeueAt());
  }

  @Test
  void nextScheduleTimeIsInTheSchedulesZone() {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setSchedule("0 3 * * *");
    spec.setTimeZone("Europe/Berlin");
    ScheduleDecision d =
        decideAt(input(spec, List.of(), KillSwitch.OFF), at("2026-05-01T11:00:00Z"));
    assertEquals(Optional.of(at("2026-05-02T01:00:00Z")), d.nextScheduleTime());
  }
}
