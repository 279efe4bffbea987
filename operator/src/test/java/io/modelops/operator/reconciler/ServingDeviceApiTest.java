package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.condition;
import static io.modelops.operator.reconciler.ApiTestSupport.events;
import static io.modelops.operator.reconciler.ApiTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.AcceleratorSpec;
import io.modelops.api.v1alpha1.AcceleratorType;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.Labels;
import io.modelops.operator.podmetrics.PodScraper;
import io.modelops.operator.podmetrics.ServingDevices;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.FakeRuntimeMetrics;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A GPU ModelDeployment's status says which device its ready pods serve on, learned once per pod
 * from the runtime's model-info series (served here by {@link FakeRuntimeMetrics}); a pod on cpu
 * makes it Degraded with AcceleratorNotUsed while it stays Ready.
 */
@EnableKubernetesMockClient(crud = true)
class ServingDeviceApiTest {

  KubernetesClient client;
  FakeKubeController fake;
  FakeRuntimeMetrics runtimes;
  ServingDevices devices;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    runtimes = new FakeRuntimeMetrics();
    devices = new ServingDevices(new PodScraper(runtimes.resolver(), Duration.ofSeconds(1), 2));
    // A resync every 200 ms: many reconciles without any change.
    operator =
        OperatorHarness.builder(client)
            .servingDevices(devices)
            .maxReconciliationInterval(Duration.ofMillis(200))
            .start();
  }

  @AfterEach
  void stop() {
    operator.close();
    devices.close();
    runtimes.close();
    fake.close();
  }

  private void create(String name, int replicas, boolean gpu) {
    ModelDeployment md = ModelDeployments.sample(NS, name, replicas);
    if (gpu) {
      AcceleratorSpec accelerator = new AcceleratorSpec();
      accelerator.setType(AcceleratorType.NvidiaGpu);
      md.getSpec().getRuntime().setAccelerator(accelerator);
    }
    client.resource(md).create();
  }

  @Test
  void gpuDeploymentServingOnCpuIsDegradedWithAcceleratorNotUsedButReady() throws Exception {
    runtimes.setDevice(Labels.TRACK_STABLE, ServingDevices.CPU);
    create("ctr", 2, true);

    ModelDeployment md =
        awaitMd(
            client,
            "ctr",
            m ->
                m.getStatus() != null
                    && m.getStatus().getStable() != null
                    && Integer.valueOf(2).equals(m.getStatus().getStable().getReadyReplicas())
                    && condition(m, Reasons.DEGRADED) != null
                    && Reasons.ACCELERATOR_NOT_USED.equals(
                        condition(m, Reasons.DEGRADED).getReason()));

    var degraded = condition(md, Reasons.DEGRADED);
    assertEquals("True", degraded.getStatus());
    assertTrue(
        degraded.getMessage().matches("pod ctr-stable-\\S+ serves on cpu although .*"),
        degraded.getMessage());
    assertTrue(degraded.getMessage().contains("spec.runtime.accelerator asks for a GPU"));
    assertTrue(degraded.getMessage().contains("no CUDA provider"));
    assertEquals("True", condition(md, Reasons.READY).getStatus(), "it still serves");
    assertEquals(Phase.Degraded, md.getStatus().getPhase());
    assertEquals(ServingDevices.CPU, md.getStatus().getStable().getDevice());
    eventually().until(() -> !events(client, Reasons.ACCELERATOR_NOT_USED).isEmpty());

    // Each pod is asked once, however often the ModelDeployment is reconciled (resyncs).
    Thread.sleep(1500);
    assertEquals(2, runtimes.hits(Labels.TRACK_STABLE), "one scrape per pod");
    assertEquals(2, devices.asked());
  }

  @Test
  void gpuDeploymentServingOnCudaIsHealthyAndSaysCuda() {
    runtimes.setDevice(Labels.TRACK_STABLE, ServingDevices.CUDA);
    create("ctr", 2, true);

    ModelDeployment md =
        awaitMd(
            client,
            "ctr",
            m ->
                m.getStatus() != null
                    && m.getStatus().getPhase() == Phase.Healthy
                    && m.getStatus().getStable() != null
                    && ServingDevices.CUDA.equals(m.getStatus().getStable().getDevice()));

    assertEquals("False", condition(md, Reasons.DEGRADED).getStatus());
    assertEquals(Reasons.AS_EXPECTED, condition(md, Reasons.DEGRADED).getReason());
    assertTrue(events(client, Reasons.ACCELERATOR_NOT_USED).isEmpty());
  }

  @Test
  void cpuDeploymentIsNeverAskedForItsDevice() throws Exception {
    runtimes.setDevice(Labels.TRACK_STABLE, ServingDevices.CPU);
    create("ctr", 2, false);

    ModelDeployment md =
        awaitMd(
            client, "ctr", m -> m.getStatus() != null && m.getStatus().getPhase() == Phase.Healthy);
    Thread.sleep(1000);

    assertNull(md.getStatus().getStable().getDevice());
    assertEquals("False", condition(md, Reasons.DEGRADED).getStatus());
    assertEquals(0, runtimes.hits(Labels.TRACK_STABLE));
    assertEquals(0, devices.asked());
    assertFalse(
        events(client, Reasons.ACCELERATOR_NOT_USED).stream().findAny().isPresent(),
        "no AcceleratorNotUsed for a CPU deployment");
  }
}
