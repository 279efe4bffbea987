package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.drills.schedule.ExistingRun;
import io.modelops.drills.schedule.ScheduleDecision.PlannedRun;
import io.modelops.operator.condition.Conditions;
import java.util.HashMap;
import java.util.Map;

/** Builds the DrillRun a schedule creates for a due time: its template plus its target. */
final class ScheduledRuns {

  private ScheduledRuns() {}

  static DrillRun build(DrillSchedule schedule, PlannedRun planned) {
    var template = schedule.getSpec().getTemplate();
    DrillRunSpec spec = new DrillRunSpec();
    spec.setTarget(schedule.getSpec().getTarget());
    spec.setFault(template.getFault());
    spec.setEngine(template.getEngine());
    spec.setDuration(template.getDuration());
    spec.setGuards(template.getGuards());
    spec.setSteadyState(template.getSteadyState());
    spec.setAbort(template.getAbort());
    spec.setRecovery(template.getRecovery());
    spec.setDryRun(template.getDryRun());
    Map<String, String> annotations = new HashMap<>();
    annotations.put(ExistingRun.SCHEDULED_TIME, Conditions.format(planned.scheduledTime()));
    // A run due while the kill switch is engaged or in a blackout is created only to record that
    // it was skipped: the abort order makes the run reconciler end it Skipped with that reason.
    planned
        .skip()
        .ifPresent(
            note -> {
              annotations.put(DrillAnnotations.ABORT, note.reason().name());
              annotations.put(DrillAnnotations.ABORT_MESSAGE, note.message());
            });
    DrillRun run = new DrillRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withName(planned.name())
            .withNamespace(schedule.getMetadata().getNamespace())
            .withLabels(Map.of(DrillAnnotations.SCHEDULE, schedule.getMetadata().getName()))
            .withAnnotations(annotations)
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(schedule.getApiVersion())
                    .withKind(schedule.getKind())
                    .withName(schedule.getMetadata().getName())
                    .withUid(schedule.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .build());
    run.setSpec(spec);
    return run;
  }
}
