package io.modelops.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.localcluster.ChaosMeshController;
import io.modelops.localcluster.ControlPlaneBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A drill with {@code engine: ChaosMesh} against Chaos Mesh's real controller manager: the operator
 * (a pod, under the chart's RBAC) creates the PodChaos, Chaos Mesh's controller kills the pod
 * through the API and reports {@code AllInjected}, the ModelDeployment's Deployment replaces the
 * pod, the drill passes and its PodChaos is deleted. Opt-in: runs only where {@code
 * local-cluster/build-chaos-mesh.sh} has built the controller; elsewhere it is reported disabled,
 * with the reason, before the cluster starts.
 */
@ExtendWith({ChaosMeshDrillE2E.ChaosMeshBuilt.class, SharedCluster.class})
class ChaosMeshDrillE2E {

  static final String NS = "chaos-drills";
  static final String MD = "ranker";
  static final String RUN = "chaos-pod-kill";
  private static final ResourceDefinitionContext POD_CHAOS =
      new ResourceDefinitionContext.Builder()
          .withGroup("chaos-mesh.org")
          .withVersion("v1alpha1")
          .withPlural("podchaos")
          .withNamespaced(true)
          .build();

  private static ModelOpsCluster cluster;
  private static KubernetesClient client;
  private static ClusterOps ops;
  private static ChaosMeshController chaosMesh;

  /** Disabled, saying why, where the controller manager was not built. */
  static final class ChaosMeshBuilt implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      var reason = ChaosMeshController.unavailableReason(ControlPlaneBinaries.load().root());
      reason.ifPresent(r -> System.out.println("ChaosMeshDrillE2E not run: " + r));
      return reason
          .map(ConditionEvaluationResult::disabled)
          .orElse(ConditionEvaluationResult.enabled("Chaos Mesh is built"));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    cluster = SharedCluster.cluster();
    client = cluster.client();
    ops = new ClusterOps(cluster, NS);
    var install = ChaosMeshController.find(cluster.plane().binaries().root());
    long start = System.nanoTime();
    chaosMesh =
        ChaosMeshController.start(cluster.plane(), install, Path.of("target/chaos-mesh-e2e"));
    System.out.printf(
        "Chaos Mesh %s: %d CRDs installed and the controller manager up in %d ms%n",
        install.version(), install.crds().size(), ModelOpsCluster.since(start).toMillis());
    start = System.nanoTime();
    ops.kubectlOk("create", "namespace", NS);
    String md =
        Files.readString(SharedCluster.REPO.resolve("examples/ctr-ranker.yaml"))
            .replace("name: ctr-ranker\nspec:", "name: " + MD + "\n  namespace: " + NS + "\nspec:")
            .replace("requests: {cpu: \"1\", memory: 1Gi}", "requests: {cpu: 500m, memory: 512Mi}");
    assertTrue(md.contains("namespace: " + NS), "the example's metadata changed: " + md);
    ops.applyText("md", md);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ops.md(MD), m -> ClusterOps.has(m, "Ready") && ops.readyPods(MD).size() == 2);
    System.out.printf(
        "ModelDeployment %s Ready with 2 pods in %d ms%n",
        MD, ModelOpsCluster.since(start).toMillis());
  }

  @AfterAll
  static void stop() {
    if (chaosMesh != null) {
      chaosMesh.close();
    }
    if (client != null) {
      // Waits: the next class shares the cluster, and its first scenario (a rollout under load
      // that must lose no request) once lost one while this namespace's pods were still stopping.
      cluster.kubectl("delete", "namespace", NS, "--timeout=120s");
    }
  }

  @Test
  void aPodKillThroughChaosMeshIsInjectedByItsControllerAndPasses() {
    Map<String, String> uidsBefore =
        ops.readyPods(MD).stream()
            .collect(
                Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
    long start = System.nanoTime();
    ops.applyText(
        "chaos-pod-kill",
        """
        apiVersion: modelops.io/v1alpha1
        kind: DrillRun
        metadata: {name: %s, namespace: %s}
        spec:
          target: {modelDeployment: %s}
          engine: ChaosMesh
          fault: {type: PodKill}
          duration: 20s
          guards: {minReadyReplicas: 2}
          steadyState:
            traffic: {ratePerSecond: 5, timeout: 1s}
          recovery: {rto: 90s, timeout: 3m}
        """
            .formatted(RUN, NS, MD));

    // Chaos Mesh's controller, not the operator, reports the fault in place and names the pod.
    GenericKubernetesResource injected =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(200))
            .until(
                ChaosMeshDrillE2E::podChaos,
                c -> "True".equals(ChaosMeshController.condition(c, "AllInjected")));
    Duration toInjected = ModelOpsCluster.since(start);
    Map<?, ?> record = containerRecords(injected).get(0);
    String killed = String.valueOf(record.get("id")).substring(NS.length() + 1);
    assertEquals("Injected", record.get("phase"), String.valueOf(record));
    assertTrue(uidsBefore.containsKey(killed), killed + " was one of " + uidsBefore.keySet());
    assertEquals("modelops-operator", labels(injected).get("app.kubernetes.io/managed-by"));

    DrillRun done = awaitRun(r -> r.getStatus().getVerdict() != null);
    Duration toVerdict = ModelOpsCluster.since(start);
    var fault = done.getStatus().getFaults().get(0);
    System.out.printf(
        "ChaosMesh pod-kill drill: AllInjected after %d ms, verdict %s after %d ms, RTO %s,"
            + " confirmed %s, probes %s%n",
        toInjected.toMillis(),
        done.getStatus().getVerdict(),
        toVerdict.toMillis(),
        done.getStatus().getRto(),
        fault.getConfirmedTime(),
        io.fabric8.kubernetes.client.utils.Serialization.asJson(done.getStatus().getProbes()));
    assertEquals("Passed", String.valueOf(done.getStatus().getVerdict()), message(done));
    assertEquals("PodChaos/" + RUN, fault.getObject());
    assertEquals(List.of(killed), fault.getTargets(), "the pod Chaos Mesh killed is the target");
    assertNotNull(fault.getConfirmedTime(), "the operator saw AllInjected: " + message(done));
    assertNotNull(fault.getRemovedTime(), "the fault is recorded removed");

    // The killed pod is gone (deleted, not restarted) and the Deployment made a new one.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> client.pods().inNamespace(NS).withName(killed).get() == null);
    var after =
        await().atMost(Duration.ofMinutes(2)).until(() -> ops.readyPods(MD), p -> p.size() == 2);
    assertTrue(
        after.stream().anyMatch(p -> !uidsBefore.containsValue(p.getMetadata().getUid())),
        "a new pod serves in the killed one's place");
    // The drill deleted its PodChaos at the end; Chaos Mesh released its finalizer.
    await().atMost(Duration.ofSeconds(30)).until(() -> podChaos() == null);
  }

  private static GenericKubernetesResource podChaos() {
    return client.genericKubernetesResources(POD_CHAOS).inNamespace(NS).withName(RUN).get();
  }

  private static List<Map<?, ?>> containerRecords(GenericKubernetesResource chaos) {
    var status = (Map<?, ?>) chaos.getAdditionalProperties().get("status");
    var records = (List<?>) ((Map<?, ?>) status.get("experiment")).get("containerRecords");
    return records.stream().map(r -> (Map<?, ?>) r).collect(Collectors.toList());
  }

  private static Map<String, String> labels(GenericKubernetesResource chaos) {
    return chaos.getMetadata().getLabels() == null ? Map.of() : chaos.getMetadata().getLabels();
  }

  private static DrillRun awaitRun(Predicate<DrillRun> p) {
    return await()
        .atMost(Duration.ofMinutes(4))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> client.resources(DrillRun.class).inNamespace(NS).withName(RUN).get(),
            r -> r != null && r.getStatus() != null && p.test(r));
  }

  private static String message(DrillRun run) {
    return run.getStatus().getReason() + ": " + run.getStatus().getMessage();
  }
}
