package io.modelops.operator.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transition of the RollingUpdate state machine, one row each. */
class RollingUpdateStrategyTest {

  static final String REV = "rev2";

  /** Deployment on {@code revision}: desired, total, updated, available; generation observed. */
  static TrackObservation track(
      String revision, int desired, int total, int updated, int available) {
    return new TrackObservation(
        true, revision, "v", desired, total, updated, available, available, 2, 2);
  }

  static final TrackObservation ABSENT = TrackObservation.absent();
  static final TrackObservation JUST_CREATED =
      new TrackObservation(true, REV, "v", 2, 0, 0, 0, 0, 1, 0);
  static final TrackObservation NOT_OBSERVED_YET =
      new TrackObservation(true, REV, "v", 2, 2, 2, 2, 2, 3, 2);
  static final Problem PVC = Problem.blocking(Reasons.PVC_NOT_FOUND, "claim missing");
  static final Problem PULL = Problem.observed(Reasons.IMAGE_PULL_FAILED, "cannot pull x");

  static Stream<Arguments> transitions() {
    return Stream.of(
        // from nothing
        Arguments.of(
            "absent -> initializing",
            ABSENT,
            false,
            List.of(),
            RolloutState.INITIALIZING,
            Reasons.CREATING),
        Arguments.of(
            "absent + missing claim -> blocked",
            ABSENT,
            false,
            List.of(PVC),
            RolloutState.BLOCKED,
            Reasons.PVC_NOT_FOUND),
        Arguments.of(
            "created, no status yet -> initializing",
            JUST_CREATED,
            false,
            List.of(),
            RolloutState.INITIALIZING,
            Reasons.CREATING),
        // rolling
        Arguments.of(
            "new pods coming -> rolling",
            track(REV, 2, 3, 1, 2),
            false,
            List.of(),
            RolloutState.ROLLING,
            Reasons.ROLLING_UPDATE),
        Arguments.of(
            "old pods left -> rolling",
            track(REV, 2, 3, 2, 3),
            false,
            List.of(),
            RolloutState.ROLLING,
            Reasons.ROLLING_UPDATE),
        Arguments.of(
            "generation not observed -> rolling",
            NOT_OBSERVED_YET,
            false,
            List.of(),
            RolloutState.ROLLING,
            Reasons.ROLLING_UPDATE),
        Arguments.of(
            "other revision -> rolling",
            track("rev1", 2, 2, 2, 2),
            false,
            List.of(),
            RolloutState.ROLLING,
            Reasons.ROLLING_UPDATE),
        // done
        Arguments.of(
            "all updated and available -> complete",
            track(REV, 2, 2, 2, 2),
            false,
            List.of(),
            RolloutState.COMPLETE,
            Reasons.ROLLOUT_COMPLETE),
        Arguments.of(
            "scaled to zero -> complete",
            track(REV, 0, 0, 0, 0),
            false,
            List.of(),
            RolloutState.COMPLETE,
            Reasons.ROLLOUT_COMPLETE),
        // held, stuck, refused
        Arguments.of(
            "paused mid-rollout -> paused",
            track(REV, 2, 3, 1, 2),
            true,
            List.of(),
            RolloutState.PAUSED,
            Reasons.RELEASE_PAUSED),
        Arguments.of(
            "paused when complete -> complete",
            track(REV, 2, 2, 2, 2),
            true,
            List.of(),
            RolloutState.COMPLETE,
            Reasons.ROLLOUT_COMPLETE),
        Arguments.of(
            "failing pods -> stalled",
            track(REV, 2, 3, 1, 2),
            false,
            List.of(PULL),
            RolloutState.STALLED,
            Reasons.IMAGE_PULL_FAILED),
        Arguments.of(
            "running + missing claim -> blocked",
            track("rev1", 2, 2, 2, 2),
            false,
            List.of(PVC, PULL),
            RolloutState.BLOCKED,
            Reasons.PVC_NOT_FOUND));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void decides(
      String name,
      TrackObservation stable,
      boolean paused,
      List<Problem> problems,
      RolloutState expected,
      String reason) {
    RolloutDecision decision =
        new RollingUpdateStrategy().decide(new RolloutInput(stable, REV, paused, problems));
    assertEquals(expected, decision.state());
    assertEquals(reason, decision.reason());
    assertEquals(
        expected == RolloutState.INITIALIZING || expected == RolloutState.ROLLING,
        decision.progressing());
    assertTrue(decision.message() != null && !decision.message().isBlank());
  }
}
