package io.modelops.drills.schedule;

import static io.modelops.drills.schedule.Runs.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelops.api.v1alpha1.DrillScheduleSpec;
import io.modelops.drills.schedule.ScheduleDecision.PlannedRun;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The missed-runs / startingDeadlineSeconds matrix of an hourly schedule created at 00:00:30,
 * against what the CronJob controller does: only the latest due time runs, and only within the
 * deadline; older due times are reported missed; more than 100 is TooManyMissedTimes.
 */
class MissedRunsTest {

  private static final String DAY = "2026-05-01T";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          not due yet                            | 10:00 | -     | 10:30:00 | -   | -     | -     | false
          due on time                            | 10:00 | -     | 11:00:05 | -   | 11:00 | -     | false
          three missed, no deadline: latest runs | 10:00 | -     | 13:30:00 | -   | 13:00 | -     | false
          latest missed beyond the deadline      | 10:00 | -     | 13:30:00 | 600 | -     | 13:00 | false
          latest within, older ones missed       | 10:00 | -     | 13:05:00 | 600 | 13:00 | 12:00 | false
          exactly at the deadline: missed        | 10:00 | -     | 13:10:00 | 600 | -     | 13:00 | false
          missed time already recorded           | 10:00 | 13:00 | 13:30:00 | 600 | -     | -     | false
          never scheduled: from creation         | -     | -     | 00:59:00 | -   | -     | -     | false
          never scheduled: first due time        | -     | -     | 01:00:01 | -   | 01:00 | -     | false
          lastScheduleTime already covers it     | 11:00 | -     | 11:00:30 | -   | -     | -     | false
          """)
  void matrix(
      String name,
      String last,
      String lastMissed,
      String now,
      Long deadline,
      String expectCreate,
      String expectMissed,
      boolean tooMany) {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setStartingDeadlineSeconds(deadline);
    ScheduleInput input =
        new ScheduleInput(
            "nightly",
            spec,
            at(DAY + "00:00:30Z"),
            Optional.ofNullable(last).map(t -> at(DAY + t + ":00Z")),
            Optional.ofNullable(lastMissed).map(t -> at(DAY + t + ":00Z")),
            List.of(),
            KillSwitch.OFF);
    ScheduleDecision d = decideAt(input, at(DAY + now + "Z"));
    assertEquals(
        Optional.ofNullable(expectCreate).map(t -> at(DAY + t + ":00Z")),
        d.create().map(PlannedRun::scheduledTime),
        name + ": create");
    assertEquals(
        Optional.ofNullable(expectMissed).map(t -> at(DAY + t + ":00Z")), d.missed(), name);
    assertEquals(
        tooMany,
        d.notes().stream().anyMatch(n -> n.reason() == ScheduleReason.TooManyMissedTimes),
        name);
    assertEquals(d.create().map(PlannedRun::scheduledTime), d.lastScheduleTime(), name);
  }

  @ParameterizedTest(name = "deadline {0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          -,    2026-05-01T00:00:00Z, true,  -
          3600, 2026-05-01T00:00:00Z, false, 2026-04-30T23:00:00Z
          """)
  void aMonthOfMissedHours(Long deadline, String expectCreate, boolean tooMany, String missed) {
    DrillScheduleSpec spec = Runs.hourly();
    spec.setStartingDeadlineSeconds(deadline);
    ScheduleInput input =
        new ScheduleInput(
            "nightly",
            spec,
            at("2026-03-01T00:00:00Z"),
            Optional.of(at("2026-04-01T00:00:00Z")),
            Optional.empty(),
            List.of(),
            KillSwitch.OFF);
    ScheduleDecision d = decideAt(input, at("2026-05-01T00:30:00Z"));
    assertEquals(Optional.of(at(expectCreate)), d.create().map(PlannedRun::scheduledTime));
    assertEquals(
        tooMany, d.notes().stream().anyMatch(n -> n.reason() == ScheduleReason.TooManyMissedTimes));
    assertEquals(Optional.ofNullable(missed).map(Instant::parse), d.missed());
  }

  static ScheduleDecision decideAt(ScheduleInput input, Instant now) {
    return new DrillScheduler(Clock.fixed(now, ZoneOffset.UTC)).decide(input);
  }
}
