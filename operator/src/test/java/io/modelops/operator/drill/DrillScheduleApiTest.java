package io.modelops.operator.drill;

import static io.modelops.operator.drill.Drills.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.DrillScheduleSpec;
import io.modelops.api.v1alpha1.DrillTarget;
import io.modelops.api.v1alpha1.DrillTemplate;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.drills.schedule.ExistingRun;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The schedule reconciler with an injected clock: the test moves time past due times and touches
 * the schedule (a label) to have it reconciled, instead of waiting for real minutes.
 */
@EnableKubernetesMockClient(crud = true)
class DrillScheduleApiTest {

  KubernetesClient client;
  DrillOperator drills;
  MutableClock clock;

  @AfterEach
  void stop() {
    drills.close();
  }

  private void start(DrillSettings settings) {
    clock = new MutableClock(Instant.now());
    drills = DrillOperator.start(client, clock, settings, new FakeProbers(clock));
  }

  private DrillSchedule schedule(String name) {
    DrillFault fault = new DrillFault();
    fault.setType(FaultType.PodKill);
    DrillTemplate template = new DrillTemplate();
    template.setFault(fault);
    template.setDuration("5s");
    DrillTarget target = new DrillTarget();
    target.setModelDeployment("not-there");
    DrillScheduleSpec spec = new DrillScheduleSpec();
    spec.setTarget(target);
    spec.setSchedule("* * * * *");
    spec.setSuccessfulRunsHistoryLimit(1);
    spec.setTemplate(template);
    DrillSchedule schedule = new DrillSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    schedule.setSpec(spec);
    return client.resource(schedule).create();
  }

  /**
   * Moves the clock a minute on and has the schedule reconciled: a spec change (the failed-history
   * limit), since JOSDK skips events that do not change the generation.
   */
  private void nextMinute(String name, int tick) {
    clock.advance(Duration.ofMinutes(1));
    client
        .resources(DrillSchedule.class)
        .inNamespace(NS)
        .withName(name)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"failedRunsHistoryLimit\":" + (3 + tick) + "}}");
  }

  private List<DrillRun> runs() {
    return client.resources(DrillRun.class).inNamespace(NS).list().getItems();
  }

  private static String runName(String schedule, Instant due) {
    return schedule + "-" + due.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
  }

  @Test
  void createsARunPerDueTimeOwnedAndNamedByMinuteAndPrunesHistory() {
    start(DrillSettings.defaults());
    DrillSchedule s = schedule("nightly");
    Drills.eventually().until(() -> DrillSchedules.status(client, "nightly") != null);
    assertNotNull(DrillSchedules.status(client, "nightly").getNextScheduleTime());

    nextMinute("nightly", 1);
    String first = runName("nightly", clock.instant());
    DrillRun run =
        Drills.await(client, first, r -> r.getStatus().getVerdict() == DrillVerdict.Skipped);
    assertEquals("TargetNotFound", run.getStatus().getReason());
    assertEquals(s.getMetadata().getUid(), run.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(
        clock.instant().truncatedTo(ChronoUnit.MINUTES).toString(),
        run.getMetadata().getAnnotations().get(ExistingRun.SCHEDULED_TIME));
    assertEquals("not-there", run.getSpec().getTarget().getModelDeployment());

    nextMinute("nightly", 2);
    String second = runName("nightly", clock.instant());
    Drills.await(client, second, r -> r.getStatus().getVerdict() == DrillVerdict.Skipped);
    nextMinute("nightly", 3); // one more reconcile sees the second run finished: prunes the first
    Drills.eventually()
        .until(() -> runs().stream().noneMatch(r -> r.getMetadata().getName().equals(first)));
    Drills.eventually()
        .until(
            () ->
                DrillSchedules.status(client, "nightly").getLastRun() != null
                    && DrillSchedules.status(client, "nightly").getActive() == null);
  }

  @Test
  void killSwitchSettingRecordsDueRunsAsSkipped() {
    start(new DrillSettings(false));
    schedule("stopped");
    Drills.eventually().until(() -> DrillSchedules.status(client, "stopped") != null);
    nextMinute("stopped", 1);
    DrillRun run =
        Drills.await(
            client,
            runName("stopped", clock.instant()),
            r -> r.getStatus().getVerdict() == DrillVerdict.Skipped);
    assertEquals("KillSwitch", run.getStatus().getReason());
  }
}
