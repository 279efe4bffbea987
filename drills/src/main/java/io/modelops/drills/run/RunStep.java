package io.modelops.drills.run;

import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The machine's answer: the next phase, what to do to the fault first, and what to record.
 *
 * @param note the reason (and message) to record: an abort reason while Recovering, the verdict's
 *     reason when the run ends
 * @param injectionTime set it (the fault is injected now)
 * @param faultRemovalTime set it (the fault is removed now)
 * @param recoveryTime set it (recovered now)
 * @param rto the measured RTO, when recovery was seen
 * @param requeueAfter when to look again (empty: terminal)
 */
public record RunStep(
    DrillRunPhase phase,
    RunAction action,
    Optional<DrillVerdict> verdict,
    Optional<Note> note,
    Optional<Instant> injectionTime,
    Optional<Instant> faultRemovalTime,
    Optional<Instant> recoveryTime,
    Optional<Duration> rto,
    Optional<Duration> requeueAfter) {

  static RunStep stay(DrillRunPhase phase, Duration tick) {
    return new RunStep(
        phase,
        RunAction.NONE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(tick));
  }

  static RunStep end(DrillRunPhase phase, DrillVerdict verdict, Note note) {
    return new RunStep(
        phase,
        RunAction.NONE,
        Optional.of(verdict),
        Optional.of(note),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  RunStep withAction(RunAction a) {
    return new RunStep(
        phase, a, verdict, note, injectionTime, faultRemovalTime, recoveryTime, rto, requeueAfter);
  }

  RunStep withNote(Note n) {
    return new RunStep(
        phase,
        action,
        verdict,
        Optional.of(n),
        injectionTime,
        faultRemovalTime,
        recoveryTime,
        rto,
        requeueAfter);
  }

  RunStep injectedAt(Instant t) {
    return new RunStep(
        phase,
        action,
        verdict,
        note,
        Optional.of(t),
        faultRemovalTime,
        recoveryTime,
        rto,
        requeueAfter);
  }

  RunStep removedAt(Instant t) {
    return new RunStep(
        phase,
        action,
        verdict,
        note,
        injectionTime,
        Optional.of(t),
        recoveryTime,
        rto,
        requeueAfter);
  }

  RunStep recoveredAt(Instant t, Duration measured) {
    return new RunStep(
        phase,
        action,
        verdict,
        note,
        injectionTime,
        faultRemovalTime,
        Optional.of(t),
        Optional.of(measured),
        requeueAfter);
  }

  /** True when the run ended. */
  public boolean terminal() {
    return verdict.isPresent();
  }
}
