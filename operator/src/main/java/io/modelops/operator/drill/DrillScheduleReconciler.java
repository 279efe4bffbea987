package io.modelops.operator.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.DrillScheduleStatus;
import io.modelops.drills.schedule.DrillScheduler;
import io.modelops.drills.schedule.ExistingRun;
import io.modelops.drills.schedule.ScheduleDecision;
import io.modelops.drills.schedule.ScheduleInput;
import io.modelops.drills.schedule.ScheduleReason;
import io.modelops.operator.event.EventRecorder;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@link DrillScheduler}'s decision: creates the due DrillRun (owned by the schedule,
 * named {@code <schedule>-<unix minutes>}, so a retried create is idempotent), orders aborts
 * through the run's {@value DrillAnnotations#ABORT} annotation (the run reconciler removes the
 * fault), deletes runs beyond the history limits, emits the decision's Events, patches status and
 * requeues at the next due time.
 */
@ControllerConfiguration(name = DrillScheduleReconciler.NAME)
public class DrillScheduleReconciler implements Reconciler<DrillSchedule> {

  /** Controller name. */
  public static final String NAME = "drillschedule";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DrillSettings settings;
  private final Clock clock;
  private final DrillScheduler scheduler;

  @Inject
  public DrillScheduleReconciler(DrillSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.scheduler = new DrillScheduler(clock);
  }

  @Override
  public List<EventSource<?, DrillSchedule>> prepareEventSources(
      EventSourceContext<DrillSchedule> context) {
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(DrillRun.class, DrillSchedule.class)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(DrillSchedule.class))
                .build(),
            context));
  }

  @Override
  public UpdateControl<DrillSchedule> reconcile(
      DrillSchedule schedule, Context<DrillSchedule> context) {
    KubernetesClient client = context.getClient();
    String ns = schedule.getMetadata().getNamespace();
    String uid = schedule.getMetadata().getUid();
    Instant now = clock.instant();
    List<DrillRun> runs =
        context
            .getSecondaryResourcesAsStream(DrillRun.class)
            .filter(
                r ->
                    r.getMetadata().getOwnerReferences() != null
                        && r.getMetadata().getOwnerReferences().stream()
                            .anyMatch(o -> uid.equals(o.getUid())))
            .toList();
    var kill = KillSwitches.of(settings, client, ns);
    ScheduleDecision decision =
        scheduler.decide(
            ScheduleInput.of(schedule, runs.stream().map(ExistingRun::of).toList(), kill));
    var events = new EventRecorder(client, clock);

    for (ScheduleDecision.AbortOrder order : decision.abort()) {
      orderAbort(client, ns, order, runs);
    }
    for (String name : decision.delete()) {
      client.resources(DrillRun.class).inNamespace(ns).withName(name).delete();
    }
    DrillRun created = null;
    if (decision.create().isPresent()) {
      var planned = decision.create().get();
      created = ScheduledRuns.build(schedule, planned);
      try {
        created = client.resource(created).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
      events.record(
          schedule,
          EventRecorder.NORMAL,
          planned.skip().isPresent() ? "SkippedRun" : "CreatedRun",
          "created DrillRun "
              + planned.name()
              + " for "
              + planned.scheduledTime()
              + planned.skip().map(n -> " (skipped: " + n.message() + ")").orElse(""));
    }
    for (ScheduleDecision.Note note : decision.notes()) {
      boolean warning =
          note.reason() == ScheduleReason.MissedStartingDeadline
              || note.reason() == ScheduleReason.TooManyMissedTimes;
      events.record(
          schedule,
          warning ? EventRecorder.WARNING : EventRecorder.NORMAL,
          note.reason().name(),
          note.message());
    }

    DrillScheduleStatus status =
        ScheduleStatuses.next(schedule, schedule.getStatus(), decision, runs, created, now);
    UpdateControl<DrillSchedule> control;
    if (schedule.getStatus() != null
        && MAPPER.valueToTree(schedule.getStatus()).equals(MAPPER.valueToTree(status))) {
      control = UpdateControl.noUpdate();
    } else {
      schedule.setStatus(status);
      control = UpdateControl.patchStatus(schedule);
    }
    decision
        .requeueAt()
        .ifPresent(
            at -> {
              Duration wait = Duration.between(now, at);
              control.rescheduleAfter(wait.isNegative() ? Duration.ofMillis(10) : wait);
            });
    return control;
  }

  private static void orderAbort(
      KubernetesClient client, String ns, ScheduleDecision.AbortOrder order, List<DrillRun> runs) {
    boolean ordered =
        runs.stream()
            .filter(r -> r.getMetadata().getName().equals(order.run()))
            .anyMatch(
                r ->
                    r.getMetadata().getAnnotations() != null
                        && r.getMetadata().getAnnotations().containsKey(DrillAnnotations.ABORT));
    if (ordered) {
      return;
    }
    String patch =
        client
            .getKubernetesSerialization()
            .asJson(
                Map.of(
                    "metadata",
                    Map.of(
                        "annotations",
                        Map.of(
                            DrillAnnotations.ABORT,
                            order.reason().name(),
                            DrillAnnotations.ABORT_MESSAGE,
                            order.message()))));
    try {
      client
          .resources(DrillRun.class)
          .inNamespace(ns)
          .withName(order.run())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
