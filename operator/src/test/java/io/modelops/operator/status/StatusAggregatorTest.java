package io.modelops.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Condition;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.rollout.RolloutDecision;
import io.modelops.operator.rollout.RolloutState;
import io.modelops.operator.rollout.TrackObservation;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {

  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-27T10:05:00Z");

  ModelDeployment md;

  @BeforeEach
  void setUp() {
    md = ModelDeployments.sample("search", "ctr", 2);
    md.getMetadata().setGeneration(4L);
  }

  static TrackObservation serving(String revision, String version, int desired, int ready) {
    return new TrackObservation(
        true, revision, version, desired, desired, desired, ready, ready, 3, 3);
  }

  static RolloutDecision decision(RolloutState state, String reason) {
    return new RolloutDecision(state, reason, "detail");
  }

  private ModelDeploymentStatus aggregate(
      Instant now, TrackObservation stable, RolloutDecision decision, List<Problem> problems) {
    ModelDeploymentStatus status =
        new StatusAggregator(Clock.fixed(now, ZoneOffset.UTC))
            .aggregate(md, stable, decision, problems);
    md.setStatus(status);
    return status;
  }

  private static Condition condition(ModelDeploymentStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @Test
  void healthyStatusHasEveryField() {
    var status =
        aggregate(
            T0,
            serving("abc", "2026-11-13", 2, 2),
            decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
            List.of());
    assertEquals(4L, status.getObservedGeneration());
    assertEquals(Phase.Healthy, status.getPhase());
    assertEquals("2/2", status.getReady());
    assertEquals("ctr-ranker", status.getModel());
    assertEquals("2026-11-13", status.getStable().getVersion());
    assertEquals("abc", status.getStable().getRevision());
    assertEquals(2, status.getStable().getReadyReplicas());
    assertEquals("ctr.search.svc", status.getEndpoint().getService());
    assertEquals("/v2/models/ctr-ranker/infer", status.getEndpoint().getInferPath());
    assertEquals(
        List.of("Ready", "Progressing", "Degraded"),
        status.getConditions().stream().map(Condition::getType).toList());
    assertEquals("True", condition(status, "Ready").getStatus());
    assertEquals("StableServing", condition(status, "Ready").getReason());
    assertEquals("False", condition(status, "Progressing").getStatus());
    assertEquals("False", condition(status, "Degraded").getStatus());
    assertEquals("AsExpected", condition(status, "Degraded").getReason());
    for (Condition c : status.getConditions()) {
      assertEquals(4L, c.getObservedGeneration());
      assertEquals("2026-11-27T10:00:00Z", c.getLastTransitionTime());
    }
  }

  @Test
  void transitionTimeMovesOnlyWhenAConditionFlips() {
    aggregate(
        T0,
        serving("abc", "v1", 2, 1),
        decision(RolloutState.ROLLING, Reasons.ROLLING_UPDATE),
        List.of());
    var later =
        aggregate(
            T1,
            serving("abc", "v1", 2, 2),
            decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
            List.of());
    assertEquals("2026-11-27T10:05:00Z", condition(later, "Ready").getLastTransitionTime());
    assertEquals("2026-11-27T10:05:00Z", condition(later, "Progressing").getLastTransitionTime());
    assertEquals("2026-11-27T10:00:00Z", condition(later, "Degraded").getLastTransitionTime());
  }

  @Test
  void reasonChangeWithoutFlipKeepsTheTransitionTime() {
    aggregate(
        T0,
        serving("abc", "v1", 2, 2),
        decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
        List.of(Problem.observed(Reasons.CRASH_LOOP, "crash")));
    var later =
        aggregate(
            T1,
            serving("abc", "v1", 2, 2),
            decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
            List.of(Problem.observed(Reasons.IMAGE_PULL_FAILED, "pull")));
    assertEquals(Reasons.IMAGE_PULL_FAILED, condition(later, "Degraded").getReason());
    assertEquals("2026-11-27T10:00:00Z", condition(later, "Degraded").getLastTransitionTime());
  }

  @Test
  void problemsWhileServingAreDegradedAndNamedInTheMessage() {
    var status =
        aggregate(
            T0,
            serving("abc", "v1", 2, 2),
            decision(RolloutState.BLOCKED, Reasons.PVC_NOT_FOUND),
            List.of(
                Problem.blocking(
                    Reasons.PVC_NOT_FOUND, "PersistentVolumeClaim search/store missing"),
                Problem.observed(Reasons.CRASH_LOOP, "pod x crashes")));
    assertEquals(Phase.Degraded, status.getPhase());
    Condition degraded = condition(status, "Degraded");
    assertEquals("True", degraded.getStatus());
    assertEquals(Reasons.PVC_NOT_FOUND, degraded.getReason());
    assertEquals(
        "PersistentVolumeClaim search/store missing; pod x crashes", degraded.getMessage());
    assertEquals("True", condition(status, "Ready").getStatus());
  }

  @Test
  void problemsWithNothingServingAreFailed() {
    var status =
        aggregate(
            T0,
            TrackObservation.absent(),
            decision(RolloutState.BLOCKED, Reasons.PVC_NOT_FOUND),
            List.of(Problem.blocking(Reasons.PVC_NOT_FOUND, "missing")));
    assertEquals(Phase.Failed, status.getPhase());
    assertNull(status.getStable());
    assertNull(status.getReady());
    assertEquals(Reasons.NOT_DEPLOYED, condition(status, "Ready").getReason());
  }

  @Test
  void modelColumnFallsBackToTheObjectNameWhenTheSpecNamesNoModel() {
    md.getSpec().getModel().setName(null);
    var status =
        aggregate(
            T0,
            TrackObservation.absent(),
            decision(RolloutState.BLOCKED, Reasons.PVC_NOT_FOUND),
            List.of(Problem.blocking(Reasons.PVC_NOT_FOUND, "missing")));
    assertEquals("ctr", status.getModel());
  }

  @Test
  void phasesWhileRollingAndPaused() {
    assertEquals(
        Phase.Pending,
        aggregate(
                T0,
                serving("abc", "v1", 2, 0),
                decision(RolloutState.INITIALIZING, Reasons.CREATING),
                List.of())
            .getPhase());
    assertEquals(
        Phase.Progressing,
        aggregate(
                T0,
                serving("abc", "v1", 2, 1),
                decision(RolloutState.ROLLING, Reasons.ROLLING_UPDATE),
                List.of())
            .getPhase());
    assertEquals(
        Phase.Paused,
        aggregate(
                T0,
                serving("abc", "v1", 2, 2),
                decision(RolloutState.PAUSED, Reasons.RELEASE_PAUSED),
                List.of())
            .getPhase());
    var zero =
        aggregate(
            T0,
            serving("abc", "v1", 0, 0),
            decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
            List.of());
    assertEquals(Reasons.SCALED_TO_ZERO, condition(zero, "Ready").getReason());
  }

  @Test
  void stableVersionNamesWhatServesUntilTheRolloutCompletes() {
    aggregate(
        T0,
        serving("rev1", "v1", 2, 2),
        decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
        List.of());
    TrackObservation rolling = new TrackObservation(true, "rev2", "v2", 2, 3, 1, 2, 2, 4, 4);
    var during =
        aggregate(T1, rolling, decision(RolloutState.ROLLING, Reasons.ROLLING_UPDATE), List.of());
    assertEquals("v1", during.getStable().getVersion());
    assertEquals("rev1", during.getStable().getRevision());
    assertEquals(1, during.getStable().getUpdatedReplicas());
    var done =
        aggregate(
            T1,
            serving("rev2", "v2", 2, 2),
            decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
            List.of());
    assertEquals("v2", done.getStable().getVersion());
    assertEquals("rev2", done.getStable().getRevision());
  }

  @Test
  void readyMessageNamesTheVersionThatServesDuringARollout() {
    aggregate(
        T0,
        serving("rev1", "v1", 2, 2),
        decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
        List.of());
    // 2 old pods ready, 1 new pod not ready yet: v2 does not serve
    TrackObservation rolling = new TrackObservation(true, "rev2", "v2", 2, 3, 1, 2, 2, 4, 4);
    var during =
        aggregate(T1, rolling, decision(RolloutState.ROLLING, Reasons.ROLLING_UPDATE), List.of());
    Condition ready = condition(during, "Ready");
    assertEquals("True", ready.getStatus());
    assertEquals("2/2 replicas ready, serving version v1", ready.getMessage());
    var done =
        aggregate(
            T1,
            serving("rev2", "v2", 2, 2),
            decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
            List.of());
    assertEquals("2/2 replicas ready, serving version v2", condition(done, "Ready").getMessage());
  }

  @Test
  void conditionsOfOtherTypesAreKept() {
    ModelDeploymentStatus previous = new ModelDeploymentStatus();
    previous.setConditions(List.of(Conditions.of("DrillPassed", true, "Passed", "ok")));
    md.setStatus(previous);
    var status =
        aggregate(
            T0,
            serving("abc", "v1", 2, 2),
            decision(RolloutState.COMPLETE, Reasons.ROLLOUT_COMPLETE),
            List.of());
    assertEquals("Passed", condition(status, "DrillPassed").getReason());
  }
}
