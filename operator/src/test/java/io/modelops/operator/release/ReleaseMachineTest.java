package io.modelops.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelops.api.v1alpha1.InconclusivePolicy;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.ModelUri;
import io.modelops.operator.model.ResolvedSpec;
import io.modelops.operator.rollout.TrackObservation;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transition of the release state machine, one row each: N = 4 replicas, maxSurge 1, steps
 * 25% (no pause) and 50% (1m pause), failureLimit 2, checks configured. Stable runs "old", the spec
 * names "new".
 */
class ReleaseMachineTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String T0 = "2026-12-01T09:59:00Z"; // a minute ago
  static final String LONG_AGO = "2026-12-01T09:00:00Z"; // beyond the 15m deadline

  /** One row: the situation, then what the machine must decide. */
  record Row(
      String name,
      Situation given,
      ReleasePhase phase,
      String reason,
      String stable,
      String canary,
      Set<ReleaseCommand> consumed) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Input of a row. */
  record Situation(
      String desired,
      ReleaseStatus previous,
      ReleaseObservation observed,
      AnalysisVerdict verdict,
      Set<ReleaseCommand> commands,
      boolean paused,
      InconclusivePolicy inconclusive,
      Optional<String> unsupported) {

    Situation with(UnaryOperator<Situation> change) {
      return change.apply(this);
    }
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        row(
            "Healthy: spec = stable, nothing to do",
            healthy(),
            ReleasePhase.Healthy,
            Reasons.STABLE_SERVING,
            "DESIRED 4",
            "-"),
        row(
            "Healthy → Progressing: new revision, canary pod on the surge",
            healthy().with(s -> desired(s, "new")),
            ReleasePhase.Progressing,
            Reasons.RELEASE_STARTED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Healthy: Gateway API CRDs missing, release blocked, stable kept",
            unsupported(),
            ReleasePhase.Healthy,
            Reasons.GATEWAY_API_MISSING,
            "OBSERVED 4",
            "-"),
        row(
            "Progressing: step split reached, pause starts",
            progressing(0, null, 0, 0).with(s -> observed(s, 1, 4)),
            ReleasePhase.Progressing,
            Reasons.RELEASE_STARTED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Progressing: scaling not settled, hold",
            progressing(0, null, 0, 0).with(s -> observedUnready(s, 1, 4)),
            ReleasePhase.Progressing,
            Reasons.RELEASE_STARTED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Progressing → Progressing: step 1 passed, stable gives a pod first",
            progressing(0, T0, 0, 0).with(s -> verdict(observed(s, 1, 4), pass())),
            ReleasePhase.Progressing,
            Reasons.STEP_PASSED,
            "OBSERVED 3",
            "DESIRED 1"),
        row(
            "Progressing: pause of step 2 not over",
            progressing(1, NOW.minusSeconds(30).toString(), 1, 0).with(s -> observed(s, 2, 3)),
            ReleasePhase.Progressing,
            Reasons.RELEASE_STARTED,
            "OBSERVED 3",
            "DESIRED 2"),
        row(
            "Progressing → Promoting: last step passed, canary takes all",
            progressing(1, T0, 1, 0).with(s -> observed(s, 2, 3)),
            ReleasePhase.Promoting,
            Reasons.ALL_STEPS_PASSED,
            "OBSERVED 0",
            "DESIRED 2"),
        row(
            "Progressing: one failed interval of 2",
            progressing(0, T0, 0, 0).with(s -> verdict(observed(s, 1, 4), fail())),
            ReleasePhase.Progressing,
            Reasons.RELEASE_STARTED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Progressing → RolledBack: failureLimit reached",
            progressing(0, T0, 0, 1).with(s -> verdict(observed(s, 1, 4), fail())),
            ReleasePhase.RolledBack,
            Reasons.ANALYSIS_FAILED,
            "OBSERVED 4",
            "OBSERVED 0"),
        row(
            "Progressing → Paused: inconclusive, policy Pause",
            progressing(0, T0, 0, 0).with(s -> verdict(observed(s, 1, 4), inconclusive())),
            ReleasePhase.Paused,
            Reasons.ANALYSIS_INCONCLUSIVE,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Progressing → RolledBack: inconclusive, policy Rollback",
            progressing(0, T0, 0, 0)
                .with(
                    s ->
                        policy(
                            verdict(observed(s, 1, 4), inconclusive()),
                            InconclusivePolicy.Rollback)),
            ReleasePhase.RolledBack,
            Reasons.ANALYSIS_INCONCLUSIVE,
            "OBSERVED 4",
            "OBSERVED 0"),
        row(
            "Progressing → RolledBack: abort annotation (kept until the status shows it)",
            progressing(0, T0, 0, 0).with(s -> commands(observed(s, 1, 4), ReleaseCommand.ABORT)),
            ReleasePhase.RolledBack,
            Reasons.ABORTED,
            "OBSERVED 4",
            "OBSERVED 0",
            Set.of()),
        row(
            "Progressing → Promoting: promote annotation",
            progressing(0, T0, 0, 0).with(s -> commands(observed(s, 1, 4), ReleaseCommand.PROMOTE)),
            ReleasePhase.Promoting,
            Reasons.PROMOTED_BY_HAND,
            "OBSERVED 0",
            "DESIRED 1",
            Set.of()),
        row(
            "Progressing → Paused: spec.release.paused",
            progressing(0, T0, 0, 0).with(s -> paused(observed(s, 1, 4))),
            ReleasePhase.Paused,
            Reasons.RELEASE_PAUSED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Progressing → RolledBack: progressDeadline, canary never ready, shrinks at once",
            progressing(0, null, 0, 0).with(s -> deadline(observedUnready(s, 1, 4))),
            ReleasePhase.RolledBack,
            Reasons.PROGRESS_DEADLINE_EXCEEDED,
            "OBSERVED 4",
            "OBSERVED 0"),
        row(
            "Progressing → Healthy: spec back on the stable revision, canary drains",
            progressing(0, T0, 0, 0).with(s -> desired(observed(s, 1, 4), "old")),
            ReleasePhase.Healthy,
            Reasons.SPEC_REVERTED,
            "DESIRED 4",
            "OBSERVED 0"),
        row(
            "Progressing → Progressing: another revision restarts at step 1",
            progressing(1, T0, 0, 0).with(s -> desired(observed(s, 2, 3), "newer")),
            ReleasePhase.Progressing,
            Reasons.RELEASE_RESTARTED,
            "OBSERVED 3",
            "DESIRED 1"),
        row(
            "Paused: still held by spec.release.paused",
            paused(Reasons.RELEASE_PAUSED).with(s -> paused(observed(s, 1, 4))),
            ReleasePhase.Paused,
            Reasons.RELEASE_PAUSED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Paused → Progressing: unpaused, the step's pause starts over",
            paused(Reasons.RELEASE_PAUSED).with(s -> observed(s, 1, 4)),
            ReleasePhase.Progressing,
            Reasons.RELEASE_RESUMED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Paused → Progressing: analysis passes again",
            paused(Reasons.ANALYSIS_INCONCLUSIVE).with(s -> verdict(observed(s, 1, 4), pass())),
            ReleasePhase.Progressing,
            Reasons.RELEASE_RESUMED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Paused: still inconclusive",
            paused(Reasons.ANALYSIS_INCONCLUSIVE)
                .with(s -> verdict(observed(s, 1, 4), inconclusive())),
            ReleasePhase.Paused,
            Reasons.ANALYSIS_INCONCLUSIVE,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "Paused → RolledBack: abort annotation",
            paused(Reasons.ANALYSIS_INCONCLUSIVE)
                .with(s -> commands(observed(s, 1, 4), ReleaseCommand.ABORT)),
            ReleasePhase.RolledBack,
            Reasons.ABORTED,
            "OBSERVED 4",
            "OBSERVED 0",
            Set.of()),
        row(
            "Promoting: stable at zero, takes the new template",
            promoting().with(s -> observed(s, 4, 0)),
            ReleasePhase.Promoting,
            Reasons.ALL_STEPS_PASSED,
            "DESIRED 0",
            "DESIRED 4"),
        row(
            "Promoting: stable on new template grows on the surge",
            promoting().with(s -> stableOnNew(observed(s, 4, 0))),
            ReleasePhase.Promoting,
            Reasons.ALL_STEPS_PASSED,
            "DESIRED 1",
            "DESIRED 4"),
        row(
            "Promoting → Healthy: canary at zero, stable on all replicas",
            promoting().with(s -> stableOnNew(observed(s, 0, 4))),
            ReleasePhase.Healthy,
            Reasons.PROMOTED,
            "DESIRED 4",
            "-"),
        row(
            "Promoting: abort is ignored and consumed",
            promoting().with(s -> commands(observed(s, 2, 3), ReleaseCommand.ABORT)),
            ReleasePhase.Promoting,
            Reasons.ALL_STEPS_PASSED,
            "OBSERVED 0",
            "DESIRED 2",
            Set.of(ReleaseCommand.ABORT)),
        row(
            "RolledBack: spec unchanged, rejected revision not retried",
            rolledBack().with(s -> observed(s, 0, 4)),
            ReleasePhase.RolledBack,
            Reasons.ANALYSIS_FAILED,
            "OBSERVED 4",
            "OBSERVED 0"),
        row(
            "RolledBack → Progressing: retry annotation",
            rolledBack().with(s -> commands(observed(s, 0, 4), ReleaseCommand.RETRY)),
            ReleasePhase.Progressing,
            Reasons.RETRIED,
            "OBSERVED 4",
            "DESIRED 1",
            Set.of()),
        row(
            "RolledBack → Progressing: the spec names another revision",
            rolledBack().with(s -> desired(observed(s, 0, 4), "newer")),
            ReleasePhase.Progressing,
            Reasons.RELEASE_STARTED,
            "OBSERVED 4",
            "DESIRED 1"),
        row(
            "RolledBack → Healthy: the spec names the stable revision again",
            rolledBack().with(s -> desired(observed(s, 0, 4), "old")),
            ReleasePhase.Healthy,
            Reasons.SPEC_REVERTED,
            "DESIRED 4",
            "-"),
        row(
            "Healthy: promote with nothing to promote is consumed",
            healthy().with(s -> commands(s, ReleaseCommand.PROMOTE)),
            ReleasePhase.Healthy,
            Reasons.STABLE_SERVING,
            "DESIRED 4",
            "-",
            Set.of(ReleaseCommand.PROMOTE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void transition(Row row) {
    Situation s = row.given();
    ReleasePlan plan = new ReleaseMachine().decide(input(s));
    assertEquals(row.phase(), plan.status().getPhase(), "phase");
    assertEquals(row.reason(), plan.status().getReason(), "reason: " + plan.status().getMessage());
    assertEquals(row.stable(), text(plan.stable()), "stable track");
    assertEquals(row.canary(), plan.canary().map(ReleaseMachineTest::text).orElse("-"), "canary");
    assertEquals(row.consumed(), plan.consumed(), "consumed commands");
    if (row.phase() == ReleasePhase.RolledBack) {
      assertEquals("new", plan.status().getRejectedRevision(), "rejected revision kept");
    }
  }

  // ---- rows

  static Arguments row(
      String name, Situation s, ReleasePhase phase, String reason, String stable, String canary) {
    return row(name, s, phase, reason, stable, canary, s.commands());
  }

  static Arguments row(
      String name,
      Situation s,
      ReleasePhase phase,
      String reason,
      String stable,
      String canary,
      Set<ReleaseCommand> consumed) {
    return Arguments.of(new Row(name, s, phase, reason, stable, canary, consumed));
  }

  static Situation healthy() {
    ReleaseStatus status = new ReleaseStatus();
    status.setPhase(ReleasePhase.Healthy);
    status.setReason(Reasons.STABLE_SERVING);
    status.setMessage("stable serves revision old");
    status.setStableRevision("old");
    return base(
        "old",
        status,
        new ReleaseObservation(track("old", 4, true), TrackObservation.absent(), 0, 0));
  }

  static Situation unsupported() {
    Situation s = healthy().with(x -> desired(x, "new"));
    return new Situation(
        s.desired(),
        s.previous(),
        s.observed(),
        s.verdict(),
        s.commands(),
        false,
        InconclusivePolicy.Pause,
        Optional.of("no HTTPRoute CRD"));
  }

  static Situation progressing(int step, String stepStartedAt, int passed, int failed) {
    ReleaseStatus status = new ReleaseStatus();
    status.setPhase(ReleasePhase.Progressing);
    status.setReason(Reasons.RELEASE_STARTED);
    status.setRevision("new");
    status.setVersion("v2");
    status.setStableRevision("old");
    status.setReplicas(4);
    status.setStep(step);
    status.setSteps(2);
    status.setProgress((step + 1) + "/2");
    status.setStepStartedAt(stepStartedAt);
    status.setProgressedAt(stepStartedAt == null ? T0 : stepStartedAt);
    status.setPassedIntervals(passed);
    status.setFailedIntervals(failed);
    return base("new", status, observation("old", 0, 4, true));
  }

  static Situation paused(String reason) {
    Situation s = progressing(0, T0, 0, 0);
    s.previous().setPhase(ReleasePhase.Paused);
    s.previous().setReason(reason);
    return s;
  }

  static Situation promoting() {
    Situation s = progressing(1, T0, 1, 0);
    s.previous().setPhase(ReleasePhase.Promoting);
    s.previous().setReason(Reasons.ALL_STEPS_PASSED);
    return s;
  }

  static Situation rolledBack() {
    Situation s = progressing(0, null, 0, 2);
    s.previous().setPhase(ReleasePhase.RolledBack);
    s.previous().setReason(Reasons.ANALYSIS_FAILED);
    s.previous().setRejectedRevision("new");
    return s;
  }

  static Situation base(String desired, ReleaseStatus previous, ReleaseObservation observed) {
    return new Situation(
        desired,
        previous,
        observed,
        AnalysisVerdict.notYetDue(),
        Set.of(),
        false,
        InconclusivePolicy.Pause,
        Optional.empty());
  }

  // ---- changes

  static Situation desired(Situation s, String revision) {
    return new Situation(
        revision,
        s.previous(),
        s.observed(),
        s.verdict(),
        s.commands(),
        s.paused(),
        s.inconclusive(),
        s.unsupported());
  }

  static Situation observed(Situation s, int canary, int stable) {
    return withObserved(s, observation(s.observed().stable().revision(), canary, stable, true));
  }

  static Situation observedUnready(Situation s, int canary, int stable) {
    return withObserved(s, observation(s.observed().stable().revision(), canary, stable, false));
  }

  static Situation stableOnNew(Situation s) {
    ReleaseObservation o = s.observed();
    return withObserved(
        s, observation("new", o.canary().desiredReplicas(), o.stable().desiredReplicas(), true));
  }

  static Situation withObserved(Situation s, ReleaseObservation o) {
    return new Situation(
        s.desired(),
        s.previous(),
        o,
        s.verdict(),
        s.commands(),
        s.paused(),
        s.inconclusive(),
        s.unsupported());
  }

  static Situation verdict(Situation s, AnalysisVerdict verdict) {
    return new Situation(
        s.desired(),
        s.previous(),
        s.observed(),
        verdict,
        s.commands(),
        s.paused(),
        s.inconclusive(),
        s.unsupported());
  }

  static Situation commands(Situation s, ReleaseCommand... commands) {
    return new Situation(
        s.desired(),
        s.previous(),
        s.observed(),
        s.verdict(),
        Set.of(commands),
        s.paused(),
        s.inconclusive(),
        s.unsupported());
  }

  static Situation paused(Situation s) {
    return new Situation(
        s.desired(),
        s.previous(),
        s.observed(),
        s.verdict(),
        s.commands(),
        true,
        s.inconclusive(),
        s.unsupported());
  }

  static Situation policy(Situation s, InconclusivePolicy policy) {
    return new Situation(
        s.desired(),
        s.previous(),
        s.observed(),
        s.verdict(),
        s.commands(),
        s.paused(),
        policy,
        s.unsupported());
  }

  static Situation deadline(Situation s) {
    s.previous().setProgressedAt(LONG_AGO);
    return s;
  }

  static AnalysisVerdict pass() {
    return AnalysisVerdict.pass(NOW, "all checks passed");
  }

  static AnalysisVerdict fail() {
    return AnalysisVerdict.fail(NOW, "P99LatencyMs", "81.2", "50");
  }

  static AnalysisVerdict inconclusive() {
    return AnalysisVerdict.inconclusive(NOW, "no traffic");
  }

  // ---- plumbing

  static ReleaseObservation observation(
      String stableRevision, int canary, int stable, boolean ready) {
    return new ReleaseObservation(
        track(stableRevision, stable, true),
        canary == 0 && stableRevision.equals("old") && !ready
            ? TrackObservation.absent()
            : track("new", canary, ready),
        0,
        0);
  }

  static TrackObservation track(String revision, int replicas, boolean ready) {
    int available = ready ? replicas : 0;
    return new TrackObservation(
        true, revision, "v", replicas, replicas, replicas, available, available, 2, 2);
  }

  static ReleaseInput input(Situation s) {
    var md = ModelDeployments.sample("ns", "ranker", 4);
    var canary =
        new CanaryRelease(
            List.of(
                new CanaryRelease.Step(25, Duration.ZERO),
                new CanaryRelease.Step(50, Duration.ofMinutes(1))),
            1,
            Duration.ofSeconds(30),
            2,
            s.inconclusive(),
            true,
            s.unsupported());
    var spec =
        new ResolvedSpec(
            md,
            ModelUri.parse("file:///models/m.onnx"),
            4,
            false,
            Duration.ofMinutes(15),
            s.paused(),
            Optional.of(canary));
    return new ReleaseInput(
        spec, s.desired(), s.previous(), s.observed(), s.verdict(), s.commands(), NOW);
  }

  static String text(TrackPlan plan) {
    return plan.template() + " " + plan.replicas();
  }
}
