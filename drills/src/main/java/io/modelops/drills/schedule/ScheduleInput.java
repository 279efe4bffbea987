package io.modelops.drills.schedule;

import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.DrillScheduleSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the scheduler decides from.
 *
 * @param name the DrillSchedule's name (run names derive from it)
 * @param spec its spec
 * @param createdAt its creation time (the earliest a run may be due)
 * @param lastScheduleTime status.lastScheduleTime
 * @param lastMissedTime status.lastMissedTime
 * @param runs the DrillRuns it owns, active and finished
 * @param killSwitch engaged by the operator setting or the namespace annotation
 */
public record ScheduleInput(
    String name,
    DrillScheduleSpec spec,
    Instant createdAt,
    Optional<Instant> lastScheduleTime,
    Optional<Instant> lastMissedTime,
    List<ExistingRun> runs,
    KillSwitch killSwitch) {

  /** Reads a DrillSchedule and its runs. */
  public static ScheduleInput of(DrillSchedule schedule, List<ExistingRun> runs, KillSwitch kill) {
    var status = schedule.getStatus();
    return new ScheduleInput(
        schedule.getMetadata().getName(),
        schedule.getSpec(),
        Instant.parse(schedule.getMetadata().getCreationTimestamp()),
        Optional.ofNullable(status).map(s -> s.getLastScheduleTime()).map(Instant::parse),
        Optional.ofNullable(status).map(s -> s.getLastMissedTime()).map(Instant::parse),
        runs,
        kill);
  }
}
