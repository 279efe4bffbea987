package io.modelops.operator.drill;

import static io.modelops.operator.drill.Drills.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillRunStatus;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operator that died mid-drill: the DrillRun's status is left in each active phase as the old
 * operator wrote it (the fault recorded, or injected), then a fresh drill operator starts and must
 * carry the run to its end with the fault removed.
 */
@EnableKubernetesMockClient(crud = true)
class DrillRestartApiTest {

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;
  DrillOperator drills;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    operator = OperatorHarness.start(client);
  }

  @AfterEach
  void stop() {
    if (drills != null) {
      drills.close();
    }
    operator.close();
    fake.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = DrillRunPhase.class,
      names = {"Injecting", "Observing", "Recovering"})
  void aRestartedOperatorFinishesTheRunAndRemovesTheFault(DrillRunPhase phase) {
    client.resource(ModelDeployments.sample(NS, "md", 2)).create();
    Drills.eventually()
        .until(
            () -> {
              var md = client.resources(ModelDeployment.class).inNamespace(NS).withName("md").get();
              return md.getStatus() != null && md.getStatus().getPhase() == Phase.Healthy;
            });
    String victim = client.pods().inNamespace(NS).list().getItems().get(0).getMetadata().getName();
    DrillRun run = client.resource(Drills.run("left", "md", FaultType.PodKill, "2s")).create();
    String then = Conditions.format(Instant.now().minusSeconds(3));
    DrillRunStatus status = new DrillRunStatus();
    status.setPhase(phase);
    status.setStartTime(then);
    status.setBaselineReadyReplicas(2);
    InjectedFault fault = new InjectedFault();
    fault.setType(FaultType.PodKill);
    fault.setTargets(List.of(victim));
    if (phase != DrillRunPhase.Injecting) {
      status.setInjectionTime(then);
      fault.setInjectedTime(then);
      client.pods().inNamespace(NS).withName(victim).delete();
    }
    if (phase == DrillRunPhase.Recovering) {
      status.setFaultRemovalTime(then);
      fault.setRemovedTime(then);
    }
    status.setFaults(List.of(fault));
    run.setStatus(status);
    client.resource(run).patchStatus();

    drills =
        DrillOperator.start(
            client,
            Clock.systemUTC(),
            DrillSettings.defaults(),
            new FakeProbers(Clock.systemUTC()));
    DrillRun done =
        Drills.await(client, "left", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);

    assertEquals(DrillVerdict.Passed, done.getStatus().getVerdict(), done.getStatus().getMessage());
    assertNotNull(done.getStatus().getFaults().get(0).getRemovedTime());
    assertEquals(
        null, client.pods().inNamespace(NS).withName(victim).get(), "the recorded pod was killed");
  }
}
