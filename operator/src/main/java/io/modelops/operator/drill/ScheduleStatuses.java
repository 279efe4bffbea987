package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunReference;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.DrillScheduleStatus;
import io.modelops.api.v1alpha1.LastDrillRun;
import io.modelops.drills.schedule.ExistingRun;
import io.modelops.drills.schedule.ScheduleDecision;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The DrillSchedule status after a decision: times, active runs, the last finished run, Ready. */
final class ScheduleStatuses {

  private ScheduleStatuses() {}

  static DrillScheduleStatus next(
      DrillSchedule schedule,
      DrillScheduleStatus previous,
      ScheduleDecision decision,
      List<DrillRun> runs,
      DrillRun created,
      Instant now) {
    DrillScheduleStatus status = new DrillScheduleStatus();
    status.setObservedGeneration(schedule.getMetadata().getGeneration());
    status.setLastScheduleTime(
        decision
            .lastScheduleTime()
            .map(Conditions::format)
            .orElse(previous == null ? null : previous.getLastScheduleTime()));
    status.setLastMissedTime(
        decision
            .missed()
            .map(Conditions::format)
            .orElse(previous == null ? null : previous.getLastMissedTime()));
    status.setNextScheduleTime(decision.nextScheduleTime().map(Conditions::format).orElse(null));
    List<DrillRunReference> active = new ArrayList<>();
    List<DrillRun> all = new ArrayList<>(runs);
    if (created != null) {
      all.add(created);
    }
    for (DrillRun run : all) {
      if (decision.delete().contains(run.getMetadata().getName())) {
        continue;
      }
      if (!ExistingRun.of(withTimestamp(run, now)).finished()) {
        DrillRunReference ref = new DrillRunReference();
        ref.setName(run.getMetadata().getName());
        ref.setScheduledTime(annotation(run, ExistingRun.SCHEDULED_TIME));
        active.add(ref);
      }
    }
    active.sort(Comparator.comparing(DrillRunReference::getName));
    status.setActive(active.isEmpty() ? null : active);
    status.setLastRun(lastRun(runs, previous));
    var ready =
        decision
            .invalid()
            .map(n -> Conditions.of(Reasons.READY, false, n.reason().name(), n.message()))
            .orElse(Conditions.of(Reasons.READY, true, "Scheduled", "the schedule is valid"));
    status.setConditions(
        Conditions.merge(
            previous == null ? null : previous.getConditions(),
            List.of(ready),
            schedule.getMetadata().getGeneration() == null
                ? 0
                : schedule.getMetadata().getGeneration(),
            now));
    return status;
  }

  private static LastDrillRun lastRun(List<DrillRun> runs, DrillScheduleStatus previous) {
    return runs.stream()
        .filter(r -> r.getStatus() != null && r.getStatus().getCompletionTime() != null)
        .max(
            Comparator.comparing((DrillRun r) -> Instant.parse(r.getStatus().getCompletionTime()))
                .thenComparing(r -> r.getMetadata().getName()))
        .map(
            r -> {
              LastDrillRun last = new LastDrillRun();
              last.setName(r.getMetadata().getName());
              last.setVerdict(r.getStatus().getVerdict());
              last.setReason(r.getStatus().getReason());
              last.setCompletionTime(r.getStatus().getCompletionTime());
              last.setRto(r.getStatus().getRto());
              return last;
            })
        .orElse(previous == null ? null : previous.getLastRun());
  }

  /** A run just created has no creationTimestamp in our copy yet. */
  private static DrillRun withTimestamp(DrillRun run, Instant now) {
    if (run.getMetadata().getCreationTimestamp() == null) {
      run.getMetadata().setCreationTimestamp(Conditions.format(now));
    }
    return run;
  }

  private static String annotation(DrillRun run, String key) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
