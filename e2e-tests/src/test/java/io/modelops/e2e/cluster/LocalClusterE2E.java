package io.modelops.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole scenarios on the local cluster: the real control plane, the process kubelet (pods are real
 * processes in their own network namespaces), the Service proxy, and the operator installed from
 * the Helm chart with the real helm, running as a pod under the chart's ServiceAccount and RBAC.
 * Needs root (network namespaces), like the local cluster itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class LocalClusterE2E {

  static final Path REPO = SharedCluster.REPO;
  static final String NS = "default";

  /**
   * The canary scenarios' analysis interval in whole seconds: 5s, or {@code
   * -De2e.canaryInterval=30s} for the rollback benchmark (docs/benchmarks.md).
   */
  static final String INTERVAL = System.getProperty("e2e.canaryInterval", "5s");

  private static ModelOpsCluster cluster;
  private static KubernetesClient client;
  private static ClusterOps ops;

  @BeforeAll
  static void start() {
    cluster = SharedCluster.cluster();
    client = cluster.client();
    ops = new ClusterOps(cluster, NS);
  }

  @Test
  @Order(1)
  void operatorRunsAsAPodUnderTheChartsServiceAccountAndRbac() {
    Pod operator = cluster.operatorPod();
    assertEquals("modelops-modelops-operator", operator.getSpec().getServiceAccountName());
    assertTrue(
        List.of("node-a", "node-b").contains(operator.getSpec().getNodeName()),
        operator.getSpec().getNodeName());
    // The operator talks to the API server with its own token: the API server saw its account.
    String whoCanPatch =
        cluster
            .kubectl(
                "auth",
                "can-i",
                "patch",
                "deployments",
                "--as=system:serviceaccount:modelops-system:modelops-modelops-operator",
                "-n",
                NS)
            .output()
            .strip();
    assertEquals("yes", whoCanPatch);
    String cannot =
        cluster
            .kubectl(
                "auth",
                "can-i",
                "delete",
                "nodes",
                "--as=system:serviceaccount:modelops-system:modelops-modelops-operator")
            .output()
            .strip();
    assertTrue(cannot.endsWith("no"), cannot);
  }

  @Test
  @Order(2)
  void exampleBecomesReadyWithRealRuntimeProcessesAndAnswersThroughItsService() throws Exception {
    ops.apply("examples/ctr-ranker.yaml");
    ops.awaitCondition("ctr-ranker", "Ready");
    List<Pod> pods = ops.runtimePods("ctr-ranker");
    assertEquals(2, pods.size());
    for (Pod pod : pods) {
      assertNotEquals(
          "gpu-node-0", pod.getSpec().getNodeName(), "CPU pods stay off the tainted GPU node");
      assertTrue(pod.getStatus().getPodIP().startsWith("10.244."));
      assertTrue(
          pod.getStatus().getContainerStatuses().get(0).getContainerID().startsWith("process://"));
    }
    InetSocketAddress address = cluster.proxy().address(NS, "ctr-ranker", null).orElseThrow();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + address.getPort()));
    var answer = v2.infer("ctr-ranker", v2.requestFor(v2.metadata("ctr-ranker"), 3));
    assertEquals(3, answer.path("outputs").get(0).path("data").size(), answer.toString());
    String table = cluster.kubectl("get", "md", "ctr-ranker").output();
    assertTrue(table.contains("2026-11-13") && table.contains("2/2"), table);
  }

  @Test
  @Order(3)
  void aKilledRuntimeProcessIsRestartedAndStatusShowsIt() {
    Pod victim = ops.runtimePods("ctr-ranker").get(0);
    long pid =
        Long.parseLong(
            victim
                .getStatus()
                .getContainerStatuses()
                .get(0)
                .getContainerID()
                .substring("process://".length()));
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    Pod restarted =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.pods().inNamespace(NS).withName(victim.getMetadata().getName()).get(),
                p ->
                    p.getStatus().getContainerStatuses().get(0).getRestartCount() == 1
                        && ModelOpsCluster.isReady(p));
    var last = restarted.getStatus().getContainerStatuses().get(0).getLastState().getTerminated();
    assertEquals(137, last.getExitCode());
    ops.awaitCondition("ctr-ranker", "Ready");
  }

  @Test
  @Order(4)
  void aGpuModelDeploymentLandsOnTheGpuNode() throws Exception {
    String gpu =
        Files.readString(REPO.resolve("examples/ctr-ranker.yaml"))
            .replace("name: ctr-ranker\nspec", "name: ranker-gpu\nspec")
            .replace(
                "replicas: 2",
                "replicas: 1\n    accelerator: {type: NvidiaGpu, count: 1, product: NVIDIA-H200}");
    Path file = Files.createTempFile("gpu", ".yaml");
    Files.writeString(file, gpu);
    assertEquals(0, cluster.kubectl("apply", "-f", file.toString()).exitCode());
    Pod pod =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> ops.runtimePods("ranker-gpu"),
                p -> p.size() == 1 && p.get(0).getSpec().getNodeName() != null)
            .get(0);
    assertEquals("gpu-node-0", pod.getSpec().getNodeName());
    // No spec.runtime.image: the operator's GPU (CUDA) runtime image, which the process kubelet
    // runs as the same runtime jar (ProjectImages).
    assertEquals(ProjectImages.RUNTIME_GPU_IMAGE, pod.getSpec().getContainers().get(0).getImage());
    // The node advertises a GPU this machine does not have: the runtime's ONNX Runtime has no
    // CUDA provider and serves on the CPU, so the deployment still becomes Ready, and the
    // operator, asking the pod which device it serves on, says so: Degraded AcceleratorNotUsed.
    ops.awaitCondition("ranker-gpu", "Ready");
    ModelDeployment md = ops.awaitCondition("ranker-gpu", "Degraded");
    var degraded =
        md.getStatus().getConditions().stream()
            .filter(c -> "Degraded".equals(c.getType()))
            .findFirst()
            .orElseThrow();
    assertEquals("AcceleratorNotUsed", degraded.getReason(), degraded.getMessage());
    assertTrue(
        degraded.getMessage().startsWith("pod " + pod.getMetadata().getName() + " serves on cpu"),
        degraded.getMessage());
    assertEquals("cpu", md.getStatus().getStable().getDevice());
    assertTrue(ClusterOps.has(md, "Ready"), "it still serves");
    cluster.kubectl("delete", "md", "ranker-gpu");
  }

  @Test
  @Order(5)
  void aModelChangeUnderSteadyLoadRollsWithoutLosingARequest() throws Exception {
    InetSocketAddress address = cluster.proxy().address(NS, "ctr-ranker", null).orElseThrow();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + address.getPort()));
    String body = v2.requestFor(v2.metadata("ctr-ranker"), 1).toString();
    var load = new LoadGenerator(address, "ctr-ranker", body, 200);
    Thread.sleep(3000);
    changeModelTo("2026-11-20");
    awaitRolledTo("ctr-ranker", "2026-11-20");
    Thread.sleep(3000);
    load.close();
    System.out.printf(
        "model change under load: %d sent, %d ok, failures %s%n",
        load.sent(), load.ok(), load.failures());
    assertTrue(load.sent() > 1000, "load ran: " + load.sent());
    assertEquals(Map.of(), load.failures(), "requests lost during the rollout");
  }

  @Test
  @Order(6)
  void theOperatorPodDeletedMidRolloutIsReplacedAndTheNewOneConverges() {
    Pod operator = cluster.operatorPod();
    changeModelTo("2026-11-13");
    client.pods().resource(operator).delete();
    Pod replacement =
        await()
            .atMost(Duration.ofMinutes(3))
            .until(
                cluster::operatorPod,
                p -> !p.getMetadata().getUid().equals(operator.getMetadata().getUid()));
    assertNotEquals(operator.getMetadata().getName(), replacement.getMetadata().getName());
    awaitRolledTo("ctr-ranker", "2026-11-13");
  }

  @Test
  @Order(7)
  void aGoodCanaryUnderLoadIsAnalysedAndPromotedWithoutLosingARequest() throws Exception {
    useCanary();
    InetSocketAddress address = cluster.proxy().address(NS, "ctr-ranker", null).orElseThrow();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + address.getPort()));
    String body = v2.requestFor(v2.metadata("ctr-ranker"), 1).toString();
    var load = new LoadGenerator(address, "ctr-ranker", body, 100);
    // Same model, another batching setting: a new revision whose scores match the stable's.
    ops.edit(
        "ctr-ranker",
        md -> {
          md.getSpec().getRuntime().getBatching().setMaxBatchSize(32);
          return md;
        });
    ModelDeployment promoted =
        await()
            .atMost(Duration.ofMinutes(4))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    client
                        .resources(ModelDeployment.class)
                        .inNamespace(NS)
                        .withName("ctr-ranker")
                        .get(),
                md ->
                    md.getStatus() != null
                        && md.getStatus().getRelease() != null
                        && "Healthy".equals(String.valueOf(md.getStatus().getRelease().getPhase()))
                        && "Promoted".equals(md.getStatus().getRelease().getReason()));
    load.close();
    System.out.printf(
        "good canary under load: %d sent, %d ok, failures %s%n",
        load.sent(), load.ok(), load.failures());
    assertTrue(promoted.getStatus().getLastAnalysis() != null, "analysis recorded");
    assertEquals(Map.of(), load.failures(), "requests lost during the canary release");
  }

  @Test
  @Order(8)
  void aCanaryWhoseScoresDriftIsRolledBackOnPsi() throws Exception {
    InetSocketAddress address = cluster.proxy().address(NS, "ctr-ranker", null).orElseThrow();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + address.getPort()));
    String body = v2.requestFor(v2.metadata("ctr-ranker"), 4).toString();
    var load = new LoadGenerator(address, "ctr-ranker", body, 100);
    String stable =
        client
            .resources(ModelDeployment.class)
            .inNamespace(NS)
            .withName("ctr-ranker")
            .get()
            .getSpec()
            .getModel()
            .getVersion();
    String other = "2026-11-13".equals(stable) ? "2026-11-20" : "2026-11-13";
    changeModelTo(other);
    ModelDeployment rolledBack =
        await()
            .atMost(Duration.ofMinutes(3))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    client
                        .resources(ModelDeployment.class)
                        .inNamespace(NS)
                        .withName("ctr-ranker")
                        .get(),
                md ->
                    md.getStatus() != null
                        && md.getStatus().getRelease() != null
                        && "RolledBack"
                            .equals(String.valueOf(md.getStatus().getRelease().getPhase())));
    // Rollback time: from the failing interval's start (the canary fails from its first interval)
    // and from its verdict to no canary endpoint serving.
    var failing = rolledBack.getStatus().getLastAnalysis();
    java.time.Instant failedAt = java.time.Instant.parse(failing.getTime());
    java.time.Instant intervalStart =
        failedAt.minusMillis(
            Math.round(1000 * Double.parseDouble(failing.getWindow().replace("s", ""))));
    await()
        .atMost(Duration.ofMinutes(1))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ops.noReadyCanaryEndpoint("ctr-ranker"));
    java.time.Instant allOnStable = java.time.Instant.now();
    System.out.printf(
        "rollback (interval %s): all traffic on stable %d ms after the failing interval's start,"
            + " %d ms after its verdict%n",
        INTERVAL,
        Duration.between(intervalStart, allOnStable).toMillis(),
        Duration.between(failedAt, allOnStable).toMillis());
    load.close();
    System.out.printf(
        "drifting canary: %s / %s; load %d sent, failures %s%n",
        rolledBack.getStatus().getRelease().getReason(),
        rolledBack.getStatus().getRelease().getMessage(),
        load.sent(),
        load.failures());
    assertEquals("AnalysisFailed", rolledBack.getStatus().getRelease().getReason());
    assertTrue(
        rolledBack.getStatus().getRelease().getMessage().contains("ScoreDriftPSI"),
        rolledBack.getStatus().getRelease().getMessage());
    assertEquals(stable, rolledBack.getStatus().getStable().getVersion());
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                ops.runtimePods("ctr-ranker").stream()
                    .allMatch(
                        p ->
                            "stable".equals(p.getMetadata().getLabels().get("modelops.io/track"))));
  }

  @Test
  @Order(9)
  void aCanaryWithNoTrafficPauses() {
    // Back to the stable model with another batch size: a new revision, and nobody calls it.
    String stable =
        client
            .resources(ModelDeployment.class)
            .inNamespace(NS)
            .withName("ctr-ranker")
            .get()
            .getStatus()
            .getStable()
            .getVersion();
    ops.edit(
        "ctr-ranker",
        md -> {
          md.getSpec().getModel().setVersion(stable);
          md.getSpec().getModel().setUri("file:///models/ctr-ranker-" + stable + ".onnx");
          md.getSpec().getRuntime().getBatching().setMaxBatchSize(16);
          return md;
        });
    ModelDeployment paused =
        await()
            .atMost(Duration.ofMinutes(2))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    client
                        .resources(ModelDeployment.class)
                        .inNamespace(NS)
                        .withName("ctr-ranker")
                        .get(),
                md ->
                    md.getStatus() != null
                        && md.getStatus().getRelease() != null
                        && "Paused".equals(String.valueOf(md.getStatus().getRelease().getPhase())));
    assertEquals("AnalysisInconclusive", paused.getStatus().getRelease().getReason());
  }

  private static void useCanary() {
    ops.edit(
        "ctr-ranker",
        md -> {
          var release = md.getSpec().getRelease();
          release.setStrategy(io.modelops.api.v1alpha1.ReleaseStrategy.Canary);
          var canary = new io.modelops.api.v1alpha1.CanarySpec();
          var step = new io.modelops.api.v1alpha1.CanaryStep();
          step.setWeight(50);
          // a step's pause must cover at least one interval (the CRD refuses less)
          step.setPause(Math.max(15, Long.parseLong(INTERVAL.replace("s", ""))) + "s");
          canary.setSteps(List.of(step));
          canary.setMaxSurgeReplicas(1);
          var analysis = new io.modelops.api.v1alpha1.AnalysisSpec();
          analysis.setInterval(INTERVAL);
          analysis.setFailureLimit(1);
          var psi = new io.modelops.api.v1alpha1.AnalysisCheck();
          psi.setMetric(io.modelops.api.v1alpha1.AnalysisMetric.ScoreDriftPSI);
          psi.setMax("0.2");
          var errors = new io.modelops.api.v1alpha1.AnalysisCheck();
          errors.setMetric(io.modelops.api.v1alpha1.AnalysisMetric.ErrorRatio);
          errors.setMax("0.01");
          analysis.setChecks(List.of(psi, errors));
          canary.setAnalysis(analysis);
          release.setCanary(canary);
          // These scenarios judge scores and errors, not latency: the example's 50 ms p99
          // objective (a P99LatencyMs check derived from spec.slo) is too tight for two cores
          // carrying the whole cluster and the load; under other builds a good canary was
          // rolled back on it (P99LatencyMs 232 above 50), and with a 1 s objective on
          // P99LatencyMs 2125 while a Go build shared the cores. 10 s (the runtime's largest
          // latency bucket) keeps the check but only a hung canary fails it. Latency checks
          // are tested in CanaryAnalysisApiTest and PrometheusAnalysisIT.
          md.getSpec().getSlo().setLatencyP99("10s");
          return md;
        });
  }

  @Test
  @Order(10)
  void aGreyReleaseSendsTheCohortToTheCanaryThroughTheHttpRoute() throws Exception {
    String grey =
        Files.readString(REPO.resolve("examples/ctr-ranker-grey.yaml"))
            .replace("replicas: 3", "replicas: 2")
            .replace("2026-11-20", "2026-11-13")
            .replace(
                "0ec8be64b49e73f1d4f540d584e0ec693dc1de4f95fd0cf8a6a450dd31a08c44",
                sha("2026-11-13"));
    // Analysis off for this check (steps advance on their pauses; the first holds 10 minutes).
    grey =
        grey.substring(0, grey.indexOf("      analysis:"))
            + grey.substring(grey.indexOf("    progressDeadline:"));
    grey = grey.substring(0, grey.indexOf("  slo:"));
    Path file = Files.createTempFile("grey", ".yaml");
    Files.writeString(file, grey);
    var applied = cluster.kubectl("apply", "-f", file.toString());
    assertEquals(0, applied.exitCode(), applied.output());
    ops.awaitCondition("ctr-ranker-grey", "Ready");
    ops.edit(
        "ctr-ranker-grey",
        md -> {
          md.getSpec().getModel().setVersion("2026-11-20");
          md.getSpec().getModel().setUri("file:///models/ctr-ranker-2026-11-20.onnx");
          md.getSpec().getModel().setSha256(sha("2026-11-20"));
          return md;
        });
    await()
        .atMost(Duration.ofMinutes(3))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                client
                    .resources(ModelDeployment.class)
                    .inNamespace(NS)
                    .withName("ctr-ranker-grey")
                    .get(),
            md ->
                md.getStatus() != null
                    && md.getStatus().getRelease() != null
                    && "Progressing".equals(String.valueOf(md.getStatus().getRelease().getPhase()))
                    && md.getStatus().getCanary() != null
                    && md.getStatus().getCanary().getReadyReplicas() != null
                    && md.getStatus().getCanary().getReadyReplicas() > 0);
    InetSocketAddress route =
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () -> cluster.proxy().routeAddress(NS, "ctr-ranker-route"),
                java.util.Optional::isPresent)
            .orElseThrow();
    var http = java.net.http.HttpClient.newHttpClient();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + route.getPort()));
    String body = v2.requestFor(v2.metadata("ctr-ranker"), 1).toString();
    Map<String, Integer> cohort = new java.util.TreeMap<>();
    Map<String, Integer> others = new java.util.TreeMap<>();
    for (int i = 0; i < 40; i++) {
      for (boolean beta : new boolean[] {true, false}) {
        var request =
            java.net.http.HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + route.getPort() + "/v2/models/ctr-ranker/infer"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (beta) {
          request.header("x-user-cohort", "beta");
        }
        var response =
            http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String version =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .path("model_version")
                .asText();
        (beta ? cohort : others).merge(version, 1, Integer::sum);
      }
    }
    System.out.printf("grey release through the HTTPRoute: cohort %s, others %s%n", cohort, others);
    assertEquals(Map.of("2026-11-20", 40), cohort, "every cohort request reaches the canary");
    assertEquals(Map.of("2026-11-13", 40), others, "at weight 0 everyone else stays on stable");
  }

  private static String sha(String version) {
    try {
      return Files.readAllLines(REPO.resolve("examples/models/SHA256SUMS")).stream()
          .filter(l -> l.contains(version))
          .map(l -> l.split("\\s+")[0])
          .findFirst()
          .orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void changeModelTo(String version) {
    ops.edit(
        "ctr-ranker",
        md -> {
          md.getSpec().getModel().setVersion(version);
          md.getSpec().getModel().setUri("file:///models/ctr-ranker-" + version + ".onnx");
          return md;
        });
  }

  private static void awaitRolledTo(String name, String version) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> client.resources(ModelDeployment.class).inNamespace(NS).withName(name).get(),
            md ->
                md.getStatus() != null
                    && md.getStatus().getStable() != null
                    && version.equals(md.getStatus().getStable().getVersion())
                    && ClusterOps.has(md, "Ready")
                    && ops.runtimePods(name).size() == 2);
  }
}
