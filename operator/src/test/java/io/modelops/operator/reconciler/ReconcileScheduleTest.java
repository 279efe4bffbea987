package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which delay wins when several reasons to look again hold at once. */
class ReconcileScheduleTest {

  private static final Duration RECHECK = Duration.ofSeconds(30);
  private static final Duration TICK = Duration.ofSeconds(5);
  private static final Duration ANSWER = Duration.ofMillis(500);
  private static final ReconcileSchedule SCHEDULE = new ReconcileSchedule(RECHECK, TICK, ANSWER);

  private static final Problem PVC_MISSING = Problem.observed(Reasons.PVC_NOT_FOUND, "no claim");
  private static final Problem CONFLICT = Problem.observed(Reasons.NAME_CONFLICT, "taken");
  private static final Problem GATEWAY = Problem.observed(Reasons.GATEWAY_API_MISSING, "no CRD");
  private static final Problem WATCHED =
      Problem.blocking(Reasons.APPLY_REJECTED, "the API server rejected a write");

  static Stream<Arguments> cases() {
    return Stream.of(
        // problems, release active, answers pending, expected delay (null: none)
        Arguments.of(List.of(), false, false, null),
        Arguments.of(List.of(WATCHED), false, false, null),
        Arguments.of(List.of(), false, true, ANSWER),
        Arguments.of(List.of(), true, false, TICK),
        Arguments.of(List.of(WATCHED), true, false, TICK),
        Arguments.of(List.of(), true, true, ANSWER),
        Arguments.of(List.of(PVC_MISSING), false, false, RECHECK),
        Arguments.of(List.of(CONFLICT), true, true, RECHECK),
        Arguments.of(List.of(WATCHED, GATEWAY), true, false, RECHECK));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void recheckFirstThenTheShortestThatApplies(
      List<Problem> problems, boolean releaseActive, boolean answersPending, Duration expected) {
    assertEquals(
        Optional.ofNullable(expected), SCHEDULE.next(problems, releaseActive, answersPending));
  }

  @Test
  void aReleaseTickShorterThanTheAnswerRecheckIsKeptWhileAScrapeRuns() {
    var fast = new ReconcileSchedule(RECHECK, Duration.ofMillis(200), ANSWER);
    assertEquals(Optional.of(Duration.ofMillis(200)), fast.next(List.of(), true, true));
    assertEquals(Optional.of(ANSWER), fast.next(List.of(), false, true));
  }

  @Test
  void aRunningIntervalShortensTheTickToItsNextMoment() {
    Optional<Duration> soon = Optional.of(Duration.ofMillis(500));
    Optional<Duration> later = Optional.of(Duration.ofSeconds(9));
    assertEquals(soon, SCHEDULE.next(List.of(), true, false, soon));
    assertEquals(Optional.of(TICK), SCHEDULE.next(List.of(), true, false, later), "never past");
    assertEquals(
        Optional.of(Duration.ofMillis(100)),
        SCHEDULE.next(List.of(), true, true, Optional.of(Duration.ofMillis(100))),
        "sooner than a pending answer");
    assertEquals(Optional.of(ANSWER), SCHEDULE.next(List.of(), true, true, later));
    assertEquals(Optional.empty(), SCHEDULE.next(List.of(), false, false, soon), "no release");
    assertEquals(Optional.of(RECHECK), SCHEDULE.next(List.of(GATEWAY), true, false, soon));
  }

  @Test
  void intervalsComeFromTheSettings() {
    var settings =
        OperatorSettings.defaults()
            .withPvcRecheckInterval(Duration.ofSeconds(7))
            .withReleaseTick(Duration.ofSeconds(3));
    var schedule = ReconcileSchedule.of(settings);
    assertEquals(Duration.ofSeconds(7), schedule.recheck());
    assertEquals(Duration.ofSeconds(3), schedule.releaseTick());
    assertEquals(ReconcileSchedule.ANSWER_RECHECK, schedule.answerRecheck());
  }
}
