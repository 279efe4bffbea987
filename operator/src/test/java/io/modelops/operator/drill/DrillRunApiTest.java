package io.modelops.operator.drill;

import static io.modelops.operator.drill.Drills.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.testing.Conflicts;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DrillRuns on the mock API server with the ModelDeployment reconciler and the fake Deployment
 * controller: the fault really deletes pods, the fake controller replaces them, the drill measures
 * the recovery.
 */
@EnableKubernetesMockClient(crud = true)
class DrillRunApiTest {

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;
  FakeProbers probers;
  DrillOperator drills;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    operator = OperatorHarness.start(client);
    probers = new FakeProbers(Clock.systemUTC());
    drills = DrillOperator.start(client, Clock.systemUTC(), DrillSettings.defaults(), probers);
  }

  @AfterEach
  void stop() {
    if (drills != null) {
      drills.close();
    }
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

  @Test
  void podKillOnAReadyDeploymentPassesWithAnRto() {
    healthy("ctr", 2);
    client.resource(Drills.run("kill-one", "ctr", FaultType.PodKill, "2s")).create();

    DrillRun run =
        Drills.await(client, "kill-one", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);

    var status = run.getStatus();
    assertEquals(DrillVerdict.Passed, status.getVerdict(), status.getMessage());
    assertEquals("RtoMet", status.getReason());
    assertNotNull(status.getRto());
    assertNotNull(status.getInjectionTime());
    assertNotNull(status.getRecoveryTime());
    assertEquals(2, status.getBaselineReadyReplicas());
    String killed = status.getFaults().get(0).getTargets().get(0);
    assertNull(client.pods().inNamespace(NS).withName(killed).get(), "the killed pod is gone");
    assertTrue(status.getProbes().getRequests() > 0);
    var md = client.resources(ModelDeployment.class).inNamespace(NS).withName("ctr").get();
    assertEquals("kill-one", md.getStatus().getLastDrill().getName());
    assertEquals("Passed", md.getStatus().getLastDrill().getVerdict());
    assertEquals(status.getRto(), md.getStatus().getLastDrill().getRto());
    assertEquals(
        1.0, drills.registry.get("modelops.drill.runs").tag("verdict", "Passed").counter().count());
    assertEquals(1, drills.registry.get("modelops.drill.rto").timer().count());
  }

  @Test
  void replicaLossIsPutBackByTheModelDeploymentReconciler() {
    healthy("loss", 3);
    DrillRun run = Drills.run("lose-one", "loss", FaultType.ReplicaLoss, "2s");
    run.getSpec().getFault().setReplicas(1);
    client.resource(run).create();

    DrillRun done =
        Drills.await(client, "lose-one", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);

    assertEquals(DrillVerdict.Passed, done.getStatus().getVerdict(), done.getStatus().getMessage());
    assertEquals("Deployment/loss-stable", done.getStatus().getFaults().get(0).getObject());
    assertEquals(
        3,
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName("loss-stable")
            .get()
            .getSpec()
            .getReplicas());
  }

  @Test
  void sloBurnAbortsAndTheRunEndsAborted() {
    healthy("burn", 2);
    client.resource(Drills.run("burn-it", "burn", FaultType.PodKill, "1h")).create();
    Drills.await(client, "burn-it", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);

    probers.failing(true);
    Drills.await(client, "burn-it", r -> r.getStatus().getPhase() == DrillRunPhase.Recovering);
    probers.failing(false);
    DrillRun run =
        Drills.await(client, "burn-it", r -> r.getStatus().getPhase() == DrillRunPhase.Aborted);

    assertEquals(DrillVerdict.Aborted, run.getStatus().getVerdict());
    assertEquals("SloBurn", run.getStatus().getReason());
    assertNotNull(run.getStatus().getFaults().get(0).getRemovedTime());
    assertTrue(Double.parseDouble(run.getStatus().getProbes().getWorstErrorRatio()) > 0.05);
  }

  @Test
  void abortAnnotationAndKillSwitchStopARunningDrill() {
    healthy("stop", 2);
    client.resource(Drills.run("stop-me", "stop", FaultType.PodKill, "1h")).create();
    Drills.await(client, "stop-me", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);

    Conflicts.retry(
        () ->
            client
                .resources(DrillRun.class)
                .inNamespace(NS)
                .withName("stop-me")
                .edit(
                    r -> {
                      r.getMetadata().setAnnotations(Map.of(DrillAnnotations.ABORT, "Manual"));
                      return r;
                    }));
    DrillRun run =
        Drills.await(client, "stop-me", r -> r.getStatus().getPhase() == DrillRunPhase.Aborted);
    assertEquals("AbortRequested", run.getStatus().getReason());
    assertNotNull(run.getStatus().getFaultRemovalTime());
    assertEquals("Aborted", mdLastVerdict("stop"));

    client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(NS)
                .withAnnotations(Map.of(io.modelops.drills.schedule.KillSwitch.ANNOTATION, "true"))
                .endMetadata()
                .build())
        .create();
    client.resource(Drills.run("killed", "stop", FaultType.PodKill, "1h")).create();
    DrillRun skipped =
        Drills.await(client, "killed", r -> r.getStatus().getPhase() == DrillRunPhase.Skipped);
    assertEquals("KillSwitch", skipped.getStatus().getReason());
    assertNull(skipped.getStatus().getFaults());
  }

  @Test
  void operatorRestartedMidDrillCarriesOnAndFinishes() {
    healthy("restart", 2);
    client.resource(Drills.run("survive", "restart", FaultType.PodKill, "4s")).create();
    Drills.await(client, "survive", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);
    drills.close();
    String injected = Drills.get(client, "survive").getStatus().getInjectionTime();

    drills = DrillOperator.start(client, Clock.systemUTC(), DrillSettings.defaults(), probers);
    DrillRun run =
        Drills.await(client, "survive", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);

    assertEquals(DrillVerdict.Passed, run.getStatus().getVerdict(), run.getStatus().getMessage());
    assertEquals(injected, run.getStatus().getInjectionTime(), "not injected twice");
    assertEquals(1, run.getStatus().getFaults().get(0).getTargets().size());
    assertFalse(run.getStatus().getFaults().get(0).getRemovedTime() == null);
  }

  @Test
  void aRunDeletedMidDrillPassesItsFinalizer() {
    healthy("gone", 2);
    client.resource(Drills.run("delete-me", "gone", FaultType.PodKill, "1h")).create();
    DrillRun run =
        Drills.await(client, "delete-me", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);
    assertFalse(run.getMetadata().getFinalizers().isEmpty(), "a finalizer guards the cleanup");

    client.resource(run).delete();
    Drills.eventually().until(() -> Drills.get(client, "delete-me") == null);
  }

  @Test
  void guardsSkipTheRun() {
    healthy("few", 1);
    client
        .resource(Drills.minReady(Drills.run("too-few", "few", FaultType.PodKill, "5s"), 2))
        .create();
    client.resource(Drills.run("nowhere", "missing", FaultType.PodKill, "5s")).create();
    DrillRun runtime = Drills.run("latency", "few", FaultType.RuntimeLatency, "5s");
    runtime.getSpec().getFault().setLatency("100ms");
    client.resource(runtime).create();

    assertEquals(
        "TooFewReadyReplicas",
        Drills.await(client, "too-few", r -> r.getStatus().getVerdict() != null)
            .getStatus()
            .getReason());
    assertEquals(
        "TargetNotFound",
        Drills.await(client, "nowhere", r -> r.getStatus().getVerdict() != null)
            .getStatus()
            .getReason());
    DrillRun unsupported = Drills.await(client, "latency", r -> r.getStatus().getVerdict() != null);
    assertEquals(DrillVerdict.Error, unsupported.getStatus().getVerdict());
    assertEquals("Unsupported", unsupported.getStatus().getReason());
  }

  private String mdLastVerdict(String md) {
    var found = client.resources(ModelDeployment.class).inNamespace(NS).withName(md).get();
    return found.getStatus().getLastDrill() == null
        ? null
        : found.getStatus().getLastDrill().getVerdict();
  }
}
