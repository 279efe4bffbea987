package io.modelops.drills.run;

import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The drill state machine: a pure function of the plan, what was observed and the injected clock's
 * now. The reconciler observes, asks, applies the {@link RunAction} and patches the status; the
 * phase lives in {@code status.phase}, so a restarted operator carries on where it stopped.
 *
 * <ul>
 *   <li>{@code Pending} → {@code Skipped} (an abort order, a guard failed, or dryRun) | {@code
 *       Injecting} (action RECORD: targets and baseline written to status before anything is
 *       injected)
 *   <li>{@code Injecting} → {@code Observing} (action INJECT, injectionTime) | {@code Recovering}
 *       (action REMOVE: an abort order, the kill switch or a release arrived before the injection)
 *   <li>{@code Observing} → {@code Recovering} (action REMOVE, faultRemovalTime) when the duration
 *       is over or on an abort: order, kill switch, a release started, or the probes' burn limits
 *       (SloBurn); stays while the fault holds, and for absorbed faults (PodKill, ReplicaLoss,
 *       NodeDrain) records the recovery as soon as it is seen (RTO from the injection)
 *   <li>{@code Recovering} → {@code Completed} (Passed RtoMet, Failed RtoExceeded or Failed
 *       RecoveryTimeout) | {@code Aborted} (verdict Aborted, the abort's reason) once recovered or
 *       once recovery.timeout passed
 *   <li>{@code Skipped}, {@code Completed}, {@code Aborted}, {@code Failed}: terminal. {@code
 *       Failed} (verdict Error) is entered by the reconciler when the engine fails, after removing
 *       what was injected
 * </ul>
 */
public final class DrillRunMachine {

  /** How often an active run is looked at: the RTO's resolution. */
  public static final Duration TICK = Duration.ofSeconds(1);

  private final Clock clock;

  public DrillRunMachine(Clock clock) {
    this.clock = clock;
  }

  /** The next step for a run in {@code seen.phase()}. */
  public RunStep decide(RunPlan plan, RunObservation seen) {
    Instant now = clock.instant();
    return switch (seen.phase()) {
      case Pending -> pending(plan, seen);
      case Injecting -> injecting(plan, seen, now);
      case Observing -> observing(plan, seen, now);
      case Recovering -> recovering(plan, seen, now);
      case Skipped, Completed, Aborted, Failed ->
          new RunStep(
              seen.phase(),
              RunAction.NONE,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
    };
  }

  private static RunStep pending(RunPlan plan, RunObservation seen) {
    Optional<Note> refuse =
        seen.abortOrder().or(() -> Guards.check(plan, seen.target(), seen.killSwitch()));
    if (refuse.isPresent()) {
      return RunStep.end(DrillRunPhase.Skipped, DrillVerdict.Skipped, refuse.get());
    }
    if (plan.dryRun()) {
      return RunStep.end(
          DrillRunPhase.Skipped,
          DrillVerdict.Skipped,
          new Note(RunReason.DryRun, "dryRun: the guards passed; nothing was injected"));
    }
    return RunStep.stay(DrillRunPhase.Injecting, Duration.ZERO).withAction(RunAction.RECORD);
  }

  private static RunStep injecting(RunPlan plan, RunObservation seen, Instant now) {
    Optional<Note> stop = stopOrder(plan, seen);
    if (stop.isPresent()) {
      return remove(stop.get(), now);
    }
    return RunStep.stay(DrillRunPhase.Observing, TICK).withAction(RunAction.INJECT).injectedAt(now);
  }

  private static RunStep observing(RunPlan plan, RunObservation seen, Instant now) {
    Optional<Note> stop = stopOrder(plan, seen).or(() -> seen.probes().burn(plan));
    if (stop.isPresent()) {
      return remove(stop.get(), now);
    }
    Instant injected = seen.injectionTime().orElse(now);
    if (!now.isBefore(injected.plus(plan.duration()))) {
      return RunStep.stay(DrillRunPhase.Recovering, TICK)
          .withAction(RunAction.REMOVE)
          .removedAt(now);
    }
    RunStep stay = RunStep.stay(DrillRunPhase.Observing, TICK);
    if (plan.absorbed() && seen.recoveryTime().isEmpty() && seen.recovered()) {
      return stay.recoveredAt(now, Rto.between(injected, now));
    }
    return stay;
  }

  private static RunStep recovering(RunPlan plan, RunObservation seen, Instant now) {
    Instant start =
        plan.absorbed() && seen.injectionTime().isPresent()
            ? seen.injectionTime().get()
            : seen.faultRemovalTime().or(seen::injectionTime).orElse(now);
    if (seen.recoveryTime().isPresent()) {
      Duration rto = Rto.between(start, seen.recoveryTime().get());
      return finish(plan, seen, rto).recoveredAt(seen.recoveryTime().get(), rto);
    }
    if (seen.recovered()) {
      Duration rto = Rto.between(start, now);
      return finish(plan, seen, rto).recoveredAt(now, rto);
    }
    if (!now.isBefore(start.plus(plan.recoveryTimeout()))) {
      String never = "not recovered within recovery.timeout " + plan.recoveryTimeout();
      return seen.abortReason()
          .map(
              a ->
                  RunStep.end(
                      DrillRunPhase.Aborted,
                      DrillVerdict.Aborted,
                      new Note(a.reason(), a.message() + "; " + never)))
          .orElseGet(
              () ->
                  RunStep.end(
                      DrillRunPhase.Completed,
                      DrillVerdict.Failed,
                      new Note(RunReason.RecoveryTimeout, never)));
    }
    return RunStep.stay(DrillRunPhase.Recovering, TICK);
  }

  private static RunStep finish(RunPlan plan, RunObservation seen, Duration rto) {
    if (seen.abortReason().isPresent()) {
      return RunStep.end(DrillRunPhase.Aborted, DrillVerdict.Aborted, seen.abortReason().get());
    }
    String measured = "RTO " + Rto.format(rto) + ", target " + Rto.format(plan.rto());
    return rto.compareTo(plan.rto()) <= 0
        ? RunStep.end(
            DrillRunPhase.Completed, DrillVerdict.Passed, new Note(RunReason.RtoMet, measured))
        : RunStep.end(
            DrillRunPhase.Completed,
            DrillVerdict.Failed,
            new Note(RunReason.RtoExceeded, measured));
  }

  /** Reasons to stop injecting that come from outside the probes. */
  private static Optional<Note> stopOrder(RunPlan plan, RunObservation seen) {
    if (seen.killSwitch().engaged()) {
      return Optional.of(
          new Note(
              RunReason.KillSwitch, "drills are stopped by the " + seen.killSwitch().source()));
    }
    return seen.abortOrder().or(() -> Guards.releaseStarted(plan, seen.target()));
  }

  private static RunStep remove(Note why, Instant now) {
    return RunStep.stay(DrillRunPhase.Recovering, TICK)
        .withAction(RunAction.REMOVE)
        .withNote(why)
        .removedAt(now);
  }
}
