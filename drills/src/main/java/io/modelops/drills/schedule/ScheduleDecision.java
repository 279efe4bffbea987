package io.modelops.drills.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a DrillSchedule's reconciler must do now: the scheduler's whole answer.
 *
 * @param create the run to create, if one is due (possibly already Skipped, see {@link PlannedRun})
 * @param abort active runs to abort, with the reason
 * @param delete finished runs to delete (history limits), oldest first
 * @param lastScheduleTime the new status.lastScheduleTime, if it changes
 * @param missed a scheduled time given up (startingDeadlineSeconds passed): record it as
 *     status.lastMissedTime and emit a Warning Event
 * @param nextScheduleTime when the next run is due (status.nextScheduleTime); empty when suspended,
 *     invalid or never again
 * @param requeueAt when to look again (empty: only on change)
 * @param notes Events to emit (reason and message), e.g. ConcurrencyForbid, TooManyMissedTimes
 * @param invalid why the spec cannot be scheduled (Ready=False with this reason), if so
 */
public record ScheduleDecision(
    Optional<PlannedRun> create,
    List<AbortOrder> abort,
    List<String> delete,
    Optional<Instant> lastScheduleTime,
    Optional<Instant> missed,
    Optional<Instant> nextScheduleTime,
    Optional<Instant> requeueAt,
    List<Note> notes,
    Optional<Note> invalid) {

  /**
   * A run to create, named {@code <schedule>-<minutes since the epoch of its scheduled time>} (as
   * CronJob names Jobs, so a retried create is idempotent), annotated with its scheduled time. When
   * {@code skip} is set the run is created only to record that it was skipped: its status is set to
   * Skipped with that reason and nothing is injected.
   */
  public record PlannedRun(String name, Instant scheduledTime, Optional<Note> skip) {}

  /** An active run to abort (its faults removed, verdict Aborted). */
  public record AbortOrder(String run, ScheduleReason reason, String message) {}

  /** A reason and a message for people. */
  public record Note(ScheduleReason reason, String message) {}
}
