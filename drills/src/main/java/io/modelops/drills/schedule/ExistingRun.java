package io.modelops.drills.schedule;

import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the scheduler needs to know of one DrillRun owned by the schedule.
 *
 * @param scheduledTime the time it was created for (annotation {@value #SCHEDULED_TIME}), if any
 * @param startTime when it started (status.startTime), else its creation time
 * @param expectedLength how long it is expected to run: duration plus the RTO target
 */
public record ExistingRun(
    String name,
    Optional<Instant> scheduledTime,
    Instant startTime,
    DrillRunPhase phase,
    Optional<DrillVerdict> verdict,
    Duration expectedLength) {

  /** Annotation on a scheduled DrillRun: its scheduled time, RFC 3339. */
  public static final String SCHEDULED_TIME = "modelops.io/scheduled-time";

  private static final Set<DrillRunPhase> FINISHED =
      EnumSet.of(
          DrillRunPhase.Skipped,
          DrillRunPhase.Completed,
          DrillRunPhase.Aborted,
          DrillRunPhase.Failed);

  /** Whether the run has ended (Skipped, Completed, Aborted or Failed). */
  public boolean finished() {
    return FINISHED.contains(phase);
  }

  /** Finished and not a failure: Passed or Skipped (these count against the successful limit). */
  public boolean successful() {
    return finished()
        && verdict.map(v -> v == DrillVerdict.Passed || v == DrillVerdict.Skipped).orElse(false);
  }

  /** When the run is expected to end: its start plus its expected length. */
  public Instant expectedEnd() {
    return startTime.plus(expectedLength);
  }

  /** Reads a DrillRun (a missing phase is Pending). */
  public static ExistingRun of(DrillRun run) {
    var status = run.getStatus();
    Optional<String> scheduled =
        Optional.ofNullable(run.getMetadata().getAnnotations()).map(a -> a.get(SCHEDULED_TIME));
    String start =
        status != null && status.getStartTime() != null
            ? status.getStartTime()
            : run.getMetadata().getCreationTimestamp();
    return new ExistingRun(
        run.getMetadata().getName(),
        scheduled.map(Instant::parse),
        start != null ? Instant.parse(start) : Instant.EPOCH,
        status != null && status.getPhase() != null ? status.getPhase() : DrillRunPhase.Pending,
        Optional.ofNullable(status).map(s -> s.getVerdict()),
        TemplateDefaults.expectedLength(run.getSpec()));
  }
}
