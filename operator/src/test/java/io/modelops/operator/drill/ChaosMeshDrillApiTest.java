package io.modelops.operator.drill;

import static io.modelops.operator.drill.Drills.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.DrillEngine;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.drill.chaosmesh.ChaosCondition;
import io.modelops.operator.drill.chaosmesh.ChaosObjects;
import io.modelops.operator.drill.chaosmesh.ChaosStatus;
import io.modelops.operator.drill.chaosmesh.PodChaos;
import io.modelops.operator.testing.Conflicts;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ChaosMesh DrillRuns on the mock API server: the engine creates the Chaos Mesh object before the
 * drill observes, the test plays Chaos Mesh's controller (it writes {@code AllInjected=True}), the
 * removal deletes the object, and a run deleted mid-drill deletes it through the finalizer.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosMeshDrillApiTest {

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;
  DrillOperator drills;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    operator = OperatorHarness.start(client);
    drills =
        DrillOperator.start(
            client,
            Clock.systemUTC(),
            DrillSettings.defaults(),
            new FakeProbers(Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    drills.close();
    operator.close();
    fake.close();
  }

  private void healthy(String name, int replicas) {
    client.resource(ModelDeployments.sample(NS, name, replicas)).create();
    Drills.eventually()
        .until(
            () -> {
              var md = client.resources(ModelDeployment.class).inNamespace(NS).withName(name).get();
              return md.getStatus() != null && md.getStatus().getPhase() == Phase.Healthy;
            });
  }

  private DrillRun chaosMesh(String name, String md, FaultType type, String duration) {
    DrillRun run = Drills.run(name, md, type, duration);
    run.getSpec().setEngine(DrillEngine.ChaosMesh);
    return run;
  }

  private PodChaos podChaos(String name) {
    return client.resources(PodChaos.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void theObjectIsCreatedConfirmedAndDeletedAndTheDrillPasses() {
    healthy("cm", 2);
    client.resource(chaosMesh("unready", "cm", FaultType.RuntimeUnready, "8s")).create();
    Drills.eventually().until(() -> podChaos("unready") != null);

    DrillRun observing = Drills.get(client, "unready");
    var fault = observing.getStatus().getFaults().get(0);
    assertEquals("PodChaos/unready", fault.getObject());
    PodChaos object = podChaos("unready");
    assertEquals("pod-failure", object.getSpec().getAction());
    assertEquals("all", object.getSpec().getMode());
    assertEquals("8s", object.getSpec().getDuration());
    assertEquals(Map.of(NS, fault.getTargets()), object.getSpec().getSelector().getPods());
    assertEquals(1, fault.getTargets().size());
    assertEquals(
        Map.of(ChaosObjects.MANAGED_BY, ChaosObjects.MANAGER, ChaosObjects.DRILL_RUN, "unready"),
        object.getMetadata().getLabels());
    assertNull(fault.getConfirmedTime(), "Chaos Mesh has not reported yet");

    // Chaos Mesh's controller reports the fault in place.
    Conflicts.retry(
        () ->
            client
                .resources(PodChaos.class)
                .inNamespace(NS)
                .withName("unready")
                .edit(
                    p -> {
                      ChaosStatus status = new ChaosStatus();
                      status.setConditions(
                          List.of(
                              new ChaosCondition(ChaosStatus.ALL_INJECTED, "True"),
                              new ChaosCondition(ChaosStatus.ALL_RECOVERED, "False")));
                      p.setStatus(status);
                      return p;
                    }));
    Drills.await(
        client, "unready", r -> r.getStatus().getFaults().get(0).getConfirmedTime() != null);

    DrillRun done =
        Drills.await(client, "unready", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);
    assertEquals(DrillVerdict.Passed, done.getStatus().getVerdict(), done.getStatus().getMessage());
    assertNotNull(done.getStatus().getFaults().get(0).getRemovedTime());
    assertNull(podChaos("unready"), "removing the fault deletes the PodChaos");
  }

  @Test
  void aRunDeletedMidDrillDeletesItsChaosObject() {
    healthy("cm-gone", 2);
    client.resource(chaosMesh("kill-gone", "cm-gone", FaultType.PodKill, "1h")).create();
    Drills.await(client, "kill-gone", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);
    assertNotNull(podChaos("kill-gone"));

    client.resources(DrillRun.class).inNamespace(NS).withName("kill-gone").delete();

    Drills.eventually().until(() -> Drills.get(client, "kill-gone") == null);
    assertNull(podChaos("kill-gone"), "the finalizer deleted the PodChaos");
  }

  @Test
  void aFaultChaosMeshCannotDoFailsUnsupported() {
    healthy("cm-loss", 2);
    DrillRun run = chaosMesh("lose", "cm-loss", FaultType.ReplicaLoss, "5s");
    run.getSpec().getFault().setReplicas(1);
    client.resource(run).create();
    DrillRun failed = Drills.await(client, "lose", r -> r.getStatus().getVerdict() != null);
    assertEquals(DrillVerdict.Error, failed.getStatus().getVerdict());
    assertEquals("Unsupported", failed.getStatus().getReason());
    assertEquals(
        "engine ChaosMesh cannot do ReplicaLoss (it does: " + ChaosObjects.catalogue() + ")",
        failed.getStatus().getMessage());
  }
}
