package io.modelops.operator.drill;

import static io.modelops.operator.drill.Drills.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guards against ModelDeployment statuses written by hand (no ModelDeployment reconciler runs here,
 * so a release phase or a Ready=False stays as written).
 */
@EnableKubernetesMockClient(crud = true)
class DrillGuardsApiTest {

  KubernetesClient client;
  DrillOperator drills;

  @BeforeEach
  void start() {
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
  }

  private void target(String name, boolean ready, ReleasePhase release) {
    ModelDeployment md = client.resource(ModelDeployments.sample(NS, name, 2)).create();
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    status.setConditions(
        List.of(Conditions.of(Reasons.READY, ready, ready ? "StableServing" : "NotReady", "")));
    if (release != null) {
      ReleaseStatus r = new ReleaseStatus();
      r.setPhase(release);
      status.setRelease(r);
    }
    md.setStatus(status);
    client.resource(md).patchStatus();
  }

  private DrillRun skipped(String name, String md) {
    client.resource(Drills.minReady(Drills.run(name, md, FaultType.PodKill, "5s"), 0)).create();
    DrillRun run = Drills.await(client, name, r -> r.getStatus().getVerdict() != null);
    assertEquals(DrillVerdict.Skipped, run.getStatus().getVerdict());
    assertNull(run.getStatus().getFaults(), "nothing recorded, nothing injected");
    return run;
  }

  @Test
  void targetNotReady() {
    target("down", false, null);
    assertEquals("TargetNotReady", skipped("d1", "down").getStatus().getReason());
  }

  @Test
  void releaseInProgress() {
    target("canarying", true, ReleasePhase.Progressing);
    target("paused", true, ReleasePhase.Paused);
    assertEquals("ReleaseInProgress", skipped("r1", "canarying").getStatus().getReason());
    assertEquals("ReleaseInProgress", skipped("r2", "paused").getStatus().getReason());
  }

  @Test
  void dryRunChecksTheGuardsAndInjectsNothing() {
    target("dry", true, ReleasePhase.Healthy);
    DrillRun run = Drills.minReady(Drills.run("dry1", "dry", FaultType.PodKill, "5s"), 0);
    run.getSpec().setDryRun(true);
    client.resource(run).create();
    DrillRun done = Drills.await(client, "dry1", r -> r.getStatus().getVerdict() != null);
    assertEquals("DryRun", done.getStatus().getReason());
  }
}
