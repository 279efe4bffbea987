package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.condition;
import static io.modelops.operator.reconciler.ApiTestSupport.deployment;
import static io.modelops.operator.reconciler.ApiTestSupport.env;
import static io.modelops.operator.reconciler.ApiTestSupport.events;
import static io.modelops.operator.reconciler.ApiTestSupport.eventually;
import static io.modelops.operator.reconciler.ApiTestSupport.md;
import static io.modelops.operator.reconciler.ApiTestSupport.pods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.AutoscalingSpec;
import io.modelops.api.v1alpha1.BatchingSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.model.Labels;
import io.modelops.operator.testing.Conflicts;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import io.modelops.operator.testing.PodOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real reconciler on plain JOSDK against the mock API server, with a fake controller. */
@EnableKubernetesMockClient(crud = true)
class ModelDeploymentReconcilerApiTest {

  static final String OLD_VERSION = "2026-11-13";
  static final String NEW_VERSION = "2026-11-20";
  static final String SHA = "9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b";

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    operator = startOperator();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    fake.close();
  }

  private OperatorHarness startOperator() {
    return OperatorHarness.builder(client)
        .settings(OperatorSettings.defaults().withPvcRecheckInterval(Duration.ofMillis(500)))
        .start();
  }

  private ModelDeployment createHealthy(String name, int replicas) {
    client.resource(ModelDeployments.sample(NS, name, replicas)).create();
    return awaitMd(
        client, name, m -> m.getStatus() != null && m.getStatus().getPhase() == Phase.Healthy);
  }

  private void edit(String name, java.util.function.Consumer<ModelDeployment> change) {
    ApiTestSupport.edit(client, name, change);
  }

  @Test
  void createdModelDeploymentBecomesReadyWithOwnedObjects() {
    ModelDeployment md = createHealthy("ctr", 2);

    var status = md.getStatus();
    assertEquals(md.getMetadata().getGeneration(), status.getObservedGeneration());
    assertEquals("2/2", status.getReady());
    assertEquals(OLD_VERSION, status.getStable().getVersion());
    assertEquals(2, status.getStable().getReadyReplicas());
    assertEquals("ctr.search.svc", status.getEndpoint().getService());
    assertEquals("/v2/models/ctr-ranker/infer", status.getEndpoint().getInferPath());
    assertEquals("True", condition(md, Reasons.READY).getStatus());
    assertEquals(Reasons.STABLE_SERVING, condition(md, Reasons.READY).getReason());
    assertEquals("False", condition(md, Reasons.PROGRESSING).getStatus());
    assertEquals(Reasons.ROLLOUT_COMPLETE, condition(md, Reasons.PROGRESSING).getReason());
    assertEquals("False", condition(md, Reasons.DEGRADED).getStatus());

    Deployment stable = deployment(client, "ctr-stable");
    assertEquals(
        status.getStable().getRevision(),
        stable.getSpec().getTemplate().getMetadata().getLabels().get(Labels.REVISION));
    List<HasMetadata> owned =
        List.of(
            stable,
            client.services().inNamespace(NS).withName("ctr").get(),
            client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("ctr").get());
    for (HasMetadata object : owned) {
      assertNotNull(object);
      var ref = object.getMetadata().getOwnerReferences().get(0);
      assertEquals(md.getMetadata().getUid(), ref.getUid());
      assertTrue(ref.getController());
      assertEquals(
          Labels.MANAGED_BY_VALUE, object.getMetadata().getLabels().get(Labels.MANAGED_BY));
      assertEquals("ctr", object.getMetadata().getLabels().get(Labels.INSTANCE));
    }
    assertNull(
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(NS)
            .withName("ctr-stable")
            .get());
    assertFalse(events(client, "Applied").isEmpty());
    assertFalse(events(client, Reasons.STABLE_SERVING).isEmpty());
    assertTrue(
        operator
                .meterRegistry()
                .get("modelops.reconcile")
                .tag("result", "success")
                .counter()
                .count()
            > 0);

    // Steady state: no further writes to the ModelDeployment or its Deployment.
    String mdVersion = md(client, "ctr").getMetadata().getResourceVersion();
    String deploymentVersion = deployment(client, "ctr-stable").getMetadata().getResourceVersion();
    eventually()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                mdVersion.equals(md(client, "ctr").getMetadata().getResourceVersion())
                    && deploymentVersion.equals(
                        deployment(client, "ctr-stable").getMetadata().getResourceVersion()));
  }

  @Test
  void modelChangeRollsTheStableDeploymentAndStatusFollows() {
    ModelDeployment before = createHealthy("ctr", 2);
    String oldRevision = before.getStatus().getStable().getRevision();

    edit(
        "ctr",
        m -> {
          m.getSpec().getModel().setVersion(NEW_VERSION);
          m.getSpec().getModel().setUri("file:///models/ctr-ranker-2026-11-20.onnx");
        });

    ModelDeployment after =
        awaitMd(
            client,
            "ctr",
            m ->
                m.getStatus().getPhase() == Phase.Healthy
                    && NEW_VERSION.equals(m.getStatus().getStable().getVersion()));
    assertNotEquals(oldRevision, after.getStatus().getStable().getRevision());
    assertEquals(after.getMetadata().getGeneration(), after.getStatus().getObservedGeneration());
    Deployment stable = deployment(client, "ctr-stable");
    assertEquals(NEW_VERSION, env(stable, "MODEL_VERSION"));
    assertEquals("file:///models/ctr-ranker-2026-11-20.onnx", env(stable, "MODEL_URI"));
    // The old pods are gone, the new ones serve.
    eventually()
        .untilAsserted(
            () ->
                assertTrue(
                    pods(client).stream()
                        .allMatch(
                            p ->
                                after
                                    .getStatus()
                                    .getStable()
                                    .getRevision()
                                    .equals(p.getMetadata().getLabels().get(Labels.REVISION)))));
    assertEquals(2, pods(client).size());
  }

  @Test
  void missingClaimDegradesWithoutTouchingTheServingDeploymentThenRecovers() {
    createHealthy("ctr", 2);
    Deployment serving = deployment(client, "ctr-stable");

    edit(
        "ctr",
        m -> {
          m.getSpec().getModel().setUri("pvc://model-store/ctr/2026-11-20/model.onnx");
          m.getSpec().getModel().setSha256(SHA);
          m.getSpec().getModel().setVersion(NEW_VERSION);
        });

    ModelDeployment degraded =
        awaitMd(client, "ctr", m -> m.getStatus().getPhase() == Phase.Degraded);
    var condition = condition(degraded, Reasons.DEGRADED);
    assertEquals("True", condition.getStatus());
    assertEquals(Reasons.PVC_NOT_FOUND, condition.getReason());
    assertTrue(condition.getMessage().contains("search/model-store"), condition.getMessage());
    assertEquals("True", condition(degraded, Reasons.READY).getStatus());
    assertEquals(OLD_VERSION, degraded.getStatus().getStable().getVersion());
    assertEquals(
        degraded.getMetadata().getGeneration(), degraded.getStatus().getObservedGeneration());
    assertFalse(events(client, Reasons.PVC_NOT_FOUND).isEmpty());
    assertEquals("Warning", events(client, Reasons.PVC_NOT_FOUND).get(0).getType());
    Deployment untouched = deployment(client, "ctr-stable");
    assertEquals(serving.getMetadata().getGeneration(), untouched.getMetadata().getGeneration());
    assertEquals(serving.getSpec(), untouched.getSpec());
    assertEquals(2, untouched.getStatus().getReadyReplicas());

    client
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("model-store")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadOnlyMany")
                .withNewResources()
                .withRequests(Map.of("storage", new Quantity("1Gi")))
                .endResources()
                .endSpec()
                .build())
        .create();

    awaitMd(
        client,
        "ctr",
        m ->
            m.getStatus().getPhase() == Phase.Healthy
                && NEW_VERSION.equals(m.getStatus().getStable().getVersion()));
    Deployment recovered = deployment(client, "ctr-stable");
    assertEquals("file:///mnt/models/ctr/2026-11-20/model.onnx", env(recovered, "MODEL_URI"));
    assertEquals(
        "model-store",
        recovered.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getPersistentVolumeClaim() != null)
            .findFirst()
            .orElseThrow()
            .getPersistentVolumeClaim()
            .getClaimName());
  }

  @Test
  void failingImagePullDegradesAndOldPodsKeepServing() {
    createHealthy("ctr", 2);
    fake.failImagePull("registry.invalid/modelops/inference-runtime:missing");

    edit(
        "ctr",
        m ->
            m.getSpec()
                .getRuntime()
                .setImage("registry.invalid/modelops/inference-runtime:missing"));

    ModelDeployment degraded =
        awaitMd(client, "ctr", m -> m.getStatus().getPhase() == Phase.Degraded);
    var condition = condition(degraded, Reasons.DEGRADED);
    assertEquals(Reasons.IMAGE_PULL_FAILED, condition.getReason());
    assertTrue(
        condition.getMessage().contains("registry.invalid/modelops/inference-runtime:missing"),
        condition.getMessage());
    assertEquals("True", condition(degraded, Reasons.READY).getStatus());
    assertEquals("False", condition(degraded, Reasons.PROGRESSING).getStatus());
    assertEquals(OLD_VERSION, degraded.getStatus().getStable().getVersion());
    assertFalse(events(client, Reasons.IMAGE_PULL_FAILED).isEmpty());
    // Old pods still run and are ready next to the failing new ones.
    long readyOld =
        pods(client).stream()
            .filter(
                p -> !p.getSpec().getContainers().get(0).getImage().contains("registry.invalid"))
            .filter(
                p ->
                    p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
            .count();
    assertEquals(2, readyOld);
    // The operator does not keep rewriting the Deployment while it is degraded.
    long generation = deployment(client, "ctr-stable").getMetadata().getGeneration();
    edit("ctr", m -> m.getMetadata().setLabels(Map.of("touch", "1")));
    eventually()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> deployment(client, "ctr-stable").getMetadata().getGeneration() == generation);
  }

  @Test
  void modelLoadFailureDegradesWithTheRuntimesMessageAndOldPodsKeepServing() {
    ModelDeployment before = createHealthy("ctr", 2);
    String readyBefore = condition(before, Reasons.READY).getMessage();
    String failure =
        "model load failed: sha256 mismatch for /models/ctr-ranker-2026-11-20.onnx: expected "
            + SHA
            + ", got 0000";
    fake.crashLoop(
        pod ->
            pod.getSpec().getContainers().get(0).getEnv().stream()
                .anyMatch(
                    e -> "MODEL_VERSION".equals(e.getName()) && NEW_VERSION.equals(e.getValue())),
        3,
        failure);

    edit(
        "ctr",
        m -> {
          m.getSpec().getModel().setVersion(NEW_VERSION);
          m.getSpec().getModel().setUri("file:///models/ctr-ranker-2026-11-20.onnx");
        });

    ModelDeployment degraded =
        awaitMd(
            client,
            "ctr",
            m ->
                m.getStatus().getPhase() == Phase.Degraded
                    && Reasons.MODEL_LOAD_FAILED.equals(
                        condition(m, Reasons.DEGRADED).getReason()));
    var condition = condition(degraded, Reasons.DEGRADED);
    assertEquals("True", condition.getStatus());
    assertTrue(condition.getMessage().startsWith("pod ctr-stable-"), condition.getMessage());
    assertTrue(condition.getMessage().contains(": " + failure), condition.getMessage());
    assertFalse(condition.getMessage().contains("keeps crashing"), condition.getMessage());
    // Ready stays as it was: the old version serves.
    var ready = condition(degraded, Reasons.READY);
    assertEquals("True", ready.getStatus());
    assertEquals(readyBefore, ready.getMessage());
    assertTrue(ready.getMessage().endsWith("serving version " + OLD_VERSION), ready.getMessage());
    assertEquals(OLD_VERSION, degraded.getStatus().getStable().getVersion());
    assertFalse(events(client, Reasons.MODEL_LOAD_FAILED).isEmpty());
    long readyOld =
        pods(client).stream()
            .filter(
                p ->
                    p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
            .count();
    assertEquals(2, readyOld);
  }

  @Test
  void restartedOperatorConvergesToTheSameState() {
    fake.withPodStarter((pod, owner, controller) -> PodOutcome.STARTING);
    client.resource(ModelDeployments.sample(NS, "ctr", 2)).create();
    awaitMd(client, "ctr", m -> m.getStatus() != null && m.getStatus().getPhase() == Phase.Pending);
    Deployment created = deployment(client, "ctr-stable");

    operator.close();
    operator = null;
    eventually().until(() -> pods(client).size() == 2);
    for (var pod : pods(client)) {
      fake.setPodReady(NS, pod.getMetadata().getName(), true);
    }
    eventually()
        .until(
            () ->
                deployment(client, "ctr-stable").getStatus().getReadyReplicas() != null
                    && deployment(client, "ctr-stable").getStatus().getReadyReplicas() == 2);
    operator = startOperator();

    ModelDeployment healthy =
        awaitMd(client, "ctr", m -> m.getStatus().getPhase() == Phase.Healthy);
    Deployment after = deployment(client, "ctr-stable");
    assertEquals(created.getSpec().getTemplate(), after.getSpec().getTemplate());
    assertEquals(created.getMetadata().getGeneration(), after.getMetadata().getGeneration());
    assertEquals(1, client.apps().deployments().inNamespace(NS).list().getItems().size());
    assertEquals(
        created.getSpec().getTemplate().getMetadata().getLabels().get(Labels.REVISION),
        healthy.getStatus().getStable().getRevision());
  }

  @Test
  void deletionLeavesOwnedObjectsWithOwnerReferencesForGarbageCollection() {
    var slo = new io.modelops.api.v1alpha1.SloSpec();
    slo.setLatencyP99("60ms");
    slo.setAvailability("99.5");
    ModelDeployment withSlo = ModelDeployments.sample(NS, "ctr", 2);
    withSlo.getSpec().setSlo(slo);
    client.resource(withSlo).create();
    ModelDeployment md =
        awaitMd(
            client, "ctr", m -> m.getStatus() != null && m.getStatus().getPhase() == Phase.Healthy);
    var registry = operator.meterRegistry();
    eventually()
        .until(
            () ->
                registry
                        .find("modelops.modeldeployment.slo.latency.objective")
                        .tags("namespace", NS, "modeldeployment", "ctr", "le", "0.1")
                        .gauge()
                    != null);
    assertEquals(
        0.995,
        registry
            .get("modelops.modeldeployment.slo.availability.objective")
            .tags("namespace", NS, "modeldeployment", "ctr")
            .gauge()
            .value());

    client.resource(md).delete();

    eventually().until(() -> md(client, "ctr") == null);
    eventually()
        .until(
            () ->
                registry.find("modelops.modeldeployment.slo.latency.objective").meters().isEmpty());
    assertTrue(
        registry.find("modelops.modeldeployment.slo.availability.objective").meters().isEmpty(),
        "no stale objective of a deleted ModelDeployment");
    List<HasMetadata> leftovers =
        List.of(
            deployment(client, "ctr-stable"),
            client.services().inNamespace(NS).withName("ctr").get(),
            client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("ctr").get());
    for (HasMetadata object : leftovers) {
      var ref = object.getMetadata().getOwnerReferences().get(0);
      assertEquals("ModelDeployment", ref.getKind());
      assertEquals(md.getMetadata().getUid(), ref.getUid());
      assertTrue(ref.getBlockOwnerDeletion());
    }
  }

  @Test
  void autoscalerOwnsReplicasAndTheOperatorDoesNotFightIt() {
    ModelDeployment md = ModelDeployments.sample(NS, "ctr", 2);
    AutoscalingSpec autoscaling = new AutoscalingSpec();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(6);
    md.getSpec().getRuntime().setAutoscaling(autoscaling);
    client.resource(md).create();
    awaitMd(client, "ctr", m -> m.getStatus() != null && m.getStatus().getPhase() == Phase.Healthy);
    HorizontalPodAutoscaler hpa =
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(NS)
            .withName("ctr-stable")
            .get();
    assertEquals(2, hpa.getSpec().getMinReplicas());
    assertEquals(6, hpa.getSpec().getMaxReplicas());
    assertEquals("ctr-stable", hpa.getSpec().getScaleTargetRef().getName());

    // The HPA scales the Deployment up...
    Conflicts.retry(
        () ->
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName("ctr-stable")
                .edit(
                    d -> {
                      d.getSpec().setReplicas(5);
                      return d;
                    }));
    // ...and a spec change that rolls the pods keeps the HPA's replica count.
    edit(
        "ctr",
        m -> {
          BatchingSpec batching = new BatchingSpec();
          batching.setMaxBatchSize(32);
          m.getSpec().getRuntime().setBatching(batching);
        });
    eventually()
        .until(() -> "32".equals(env(deployment(client, "ctr-stable"), "RUNTIME_BATCH_MAX_SIZE")));
    assertEquals(5, deployment(client, "ctr-stable").getSpec().getReplicas());
    awaitMd(
        client,
        "ctr",
        m -> m.getStatus().getPhase() == Phase.Healthy && "5/5".equals(m.getStatus().getReady()));

    // Autoscaling removed: the HPA goes, spec.runtime.replicas applies again.
    edit("ctr", m -> m.getSpec().getRuntime().setAutoscaling(null));
    eventually()
        .until(
            () ->
                client
                        .autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace(NS)
                        .withName("ctr-stable")
                        .get()
                    == null);
    eventually().until(() -> deployment(client, "ctr-stable").getSpec().getReplicas() == 2);
  }

  @Test
  void podDisruptionBudgetFollowsReplicas() {
    createHealthy("ctr", 2);
    assertNotNull(pdb());

    edit("ctr", m -> m.getSpec().getRuntime().setReplicas(1));
    eventually().until(() -> pdb() == null);
    eventually().until(() -> deployment(client, "ctr-stable").getSpec().getReplicas() == 1);

    edit("ctr", m -> m.getSpec().getRuntime().setReplicas(3));
    eventually().until(() -> pdb() != null);
    assertEquals(1, pdb().getSpec().getMaxUnavailable().getIntVal());
    Service service = client.services().inNamespace(NS).withName("ctr").get();
    assertEquals(pdb().getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
  }

  @Test
  void someoneElsesObjectWithOurNameIsReportedNotTakenOver() {
    client
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName("ctr")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    client.resource(ModelDeployments.sample(NS, "ctr", 1)).create();

    ModelDeployment degraded =
        awaitMd(
            client,
            "ctr",
            m ->
                m.getStatus() != null
                    && Reasons.NAME_CONFLICT.equals(condition(m, Reasons.DEGRADED).getReason()));
    assertTrue(
        condition(degraded, Reasons.DEGRADED).getMessage().contains("Service search/ctr"),
        condition(degraded, Reasons.DEGRADED).getMessage());
    assertEquals(
        80,
        client
            .services()
            .inNamespace(NS)
            .withName("ctr")
            .get()
            .getSpec()
            .getPorts()
            .get(0)
            .getPort());

    client.services().inNamespace(NS).withName("ctr").delete();
    awaitMd(client, "ctr", m -> m.getStatus().getPhase() == Phase.Healthy);
    assertEquals(
        8080,
        client
            .services()
            .inNamespace(NS)
            .withName("ctr")
            .get()
            .getSpec()
            .getPorts()
            .get(0)
            .getPort());
  }

  @Test
  void onlyWatchedNamespacesAreReconciled() {
    operator.close();
    operator = OperatorHarness.builder(client).namespaces(java.util.Set.of(NS)).start();
    client.resource(ModelDeployments.sample("elsewhere", "ctr", 1)).create();
    createHealthy("ctr", 1);
    assertNull(
        client
            .resources(ModelDeployment.class)
            .inNamespace("elsewhere")
            .withName("ctr")
            .get()
            .getStatus());
    assertNull(client.apps().deployments().inNamespace("elsewhere").withName("ctr-stable").get());
  }

  private PodDisruptionBudget pdb() {
    return client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("ctr").get();
  }
}
