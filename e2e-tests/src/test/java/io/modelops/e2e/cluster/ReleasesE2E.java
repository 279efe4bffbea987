package io.modelops.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.api.v1alpha1.AnalysisCheck;
import io.modelops.api.v1alpha1.AnalysisMetric;
import io.modelops.api.v1alpha1.AnalysisSource;
import io.modelops.api.v1alpha1.AnalysisSourceType;
import io.modelops.api.v1alpha1.CheckResult;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Canary analysis on the local cluster with real runtime processes under steady load through the
 * Service: a canary made to answer with errors through the runtime's fault API is rolled back on
 * {@code ErrorRatio} within two analysis intervals, and a good canary judged by the {@code
 * Prometheus} source against the real Prometheus (discovering the pods through the API server) is
 * promoted. Works in its own namespace on a one-replica ModelDeployment with the fault API enabled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class ReleasesE2E {

  static final String NS = "releases";
  static final String MD = "scorer";
  static final String MODEL = "ctr-ranker";

  /**
   * The errors scenario's analysis interval: twice the operator's release tick (5 s), as intervals
   * are judged on the tick (docs/releases.md, known gap).
   */
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private static ModelOpsCluster cluster;
  private static ClusterOps ops;

  @BeforeAll
  static void start() throws Exception {
    cluster = SharedCluster.cluster();
    ops = new ClusterOps(cluster, NS);
    ops.kubectlOk("create", "namespace", NS);
    String example = Files.readString(SharedCluster.REPO.resolve("examples/ctr-ranker.yaml"));
    String md =
        example
                .substring(0, example.indexOf("  release:"))
                .replace(
                    "name: ctr-ranker\nspec:", "name: " + MD + "\n  namespace: " + NS + "\nspec:")
                .replace("replicas: 2", "replicas: 1")
                .replace(
                    "requests: {cpu: \"1\", memory: 1Gi}", "requests: {cpu: 500m, memory: 512Mi}")
                .replace(
                    "    batching: {maxBatchSize: 64, maxQueueDelay: 2ms}\n",
                    "    batching: {maxBatchSize: 64, maxQueueDelay: 2ms}\n"
                        + "    faultInjection: {enabled: true}\n")
            // The step's pause outlasts the scenario: only the analysis moves this release on.
            + """
          release:
            strategy: Canary
            canary:
              steps: [{weight: 50, pause: 1m}]
              maxSurgeReplicas: 1
              analysis:
                interval: %ds
                failureLimit: 1
                checks:
                  - {metric: ErrorRatio, max: "0.01"}
        """
                .formatted(INTERVAL.toSeconds());
    assertTrue(md.contains("faultInjection") && md.contains("replicas: 1"), md);
    ops.applyText("scorer", md);
    ops.awaitMd(
        MD,
        Duration.ofMinutes(3),
        m -> ClusterOps.has(m, "Ready") && ops.readyPods(MD).size() == 1);
  }

  @AfterAll
  static void stop() {
    if (ops != null) {
      cluster.kubectl("delete", "namespace", NS, "--wait=false");
    }
  }

  @Test
  @Order(1)
  void aCanaryAnsweringWithErrorsIsRolledBackWithinTwoIntervals() throws Exception {
    var load = ops.load(MD, MODEL, 1, 40);
    ops.edit(MD, newRevision(32));
    await()
        .atMost(Duration.ofMinutes(2))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> ops.md(MD),
            m ->
                "Progressing".equals(ClusterOps.releasePhase(m))
                    && m.getStatus().getRelease().getStepStartedAt() != null
                    && ops.readyPods(MD, "canary").size() == 1);
    Pod canary = ops.readyPods(MD, "canary").get(0);
    String stepStarted = ops.md(MD).getStatus().getRelease().getStepStartedAt();
    // Half of the canary's answers become 503s, as a broken model server's would.
    injectFault(canary, "{\"type\":\"errorRatio\",\"ratio\":0.5,\"duration\":\"60s\"}");
    Instant faulty = Instant.now();
    ModelDeployment rolledBack = ops.awaitReleasePhase(MD, "RolledBack", Duration.ofMinutes(1));
    await()
        .atMost(Duration.ofMinutes(1))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ops.noReadyCanaryEndpoint(MD));
    Duration toStable = Duration.between(faulty, Instant.now());
    // Answers after the rollback come from stable alone: once the proxy has seen the endpoint
    // change (and requests already on the canary are answered), no failure may be added any more.
    Thread.sleep(1000);
    Map<String, Long> atRollback = load.failures();
    long sentAtRollback = load.sent();
    Thread.sleep(2000);
    load.close();
    var release = rolledBack.getStatus().getRelease();
    System.out.printf(
        "erroring canary: %s / %s; all traffic on stable %d ms after the fault (interval %ds;"
            + " step started %s, fault %s, failing interval ended %s, window %s);"
            + " load %d sent, failures %s (at rollback %s)%n",
        release.getReason(),
        release.getMessage(),
        toStable.toMillis(),
        INTERVAL.toSeconds(),
        stepStarted,
        faulty,
        rolledBack.getStatus().getLastAnalysis().getTime(),
        rolledBack.getStatus().getLastAnalysis().getWindow(),
        load.sent(),
        load.failures(),
        atRollback);
    assertEquals("AnalysisFailed", release.getReason());
    assertTrue(release.getMessage().contains("ErrorRatio"), release.getMessage());
    CheckResult errors = check(rolledBack, AnalysisMetric.ErrorRatio);
    assertEquals(Boolean.FALSE, errors.getPassed(), "the ErrorRatio check failed");
    assertTrue(
        toStable.compareTo(INTERVAL.multipliedBy(2)) <= 0,
        "all traffic on stable within two intervals of the fault: " + toStable);
    assertEquals(release.getRevision(), release.getRejectedRevision());
    assertEquals(release.getStableRevision(), rolledBack.getStatus().getStable().getRevision());
    // The clients saw the fault's 503s, and nothing else went wrong.
    assertEquals(List.of("status 503"), List.copyOf(load.failures().keySet()), "failures");
    assertTrue(load.sent() - sentAtRollback > 40, "load went on after the rollback");
    assertEquals(atRollback, load.failures(), "failures after all traffic was on stable");
  }

  @Test
  @Order(2)
  void aGoodCanaryJudgedByTheRealPrometheusIsPromoted() throws Exception {
    // The operator pod reaches the host at its node's address; Prometheus listens there.
    String host = cluster.operatorPod().getStatus().getHostIP();
    ModelDeployment rejected = ops.md(MD);
    String before = rejected.getStatus().getRelease().getRevision();
    try (var prometheus = LocalPrometheus.start(cluster.kubeconfig(), NS, host)) {
      var load = ops.load(MD, MODEL, 1, 40);
      ops.edit(
          MD,
          md -> {
            var canary = md.getSpec().getRelease().getCanary();
            canary.getSteps().get(0).setPause("5s");
            canary.getAnalysis().setInterval("5s");
            var source = new AnalysisSource();
            source.setType(AnalysisSourceType.Prometheus);
            source.setAddress(prometheus.address());
            canary.getAnalysis().setSource(source);
            var latency = new AnalysisCheck();
            latency.setMetric(AnalysisMetric.P99LatencyMs);
            latency.setMax("2000");
            canary
                .getAnalysis()
                .setChecks(List.of(canary.getAnalysis().getChecks().get(0), latency));
            return newRevision(16).apply(md);
          });
      ModelDeployment promoted =
          ops.awaitMd(
              MD,
              Duration.ofMinutes(2),
              m ->
                  !before.equals(m.getStatus().getRelease().getRevision())
                      && List.of("Healthy", "RolledBack", "Paused")
                          .contains(ClusterOps.releasePhase(m)));
      load.close();
      var analysis = promoted.getStatus().getLastAnalysis();
      System.out.printf(
          "good canary, Prometheus source at %s: %s / %s; last analysis %s %s (canary %s req/s);"
              + " load %d sent, failures %s%n",
          prometheus.address(),
          promoted.getStatus().getRelease().getPhase(),
          promoted.getStatus().getRelease().getReason(),
          analysis.getResult(),
          analysis.getMessage(),
          analysis.getCanaryRequestRate(),
          load.sent(),
          load.failures());
      assertEquals(
          "Promoted",
          promoted.getStatus().getRelease().getReason(),
          promoted.getStatus().getRelease().getMessage());
      String stableBefore = rejected.getStatus().getStable().getRevision();
      String stableNow = promoted.getStatus().getStable().getRevision();
      assertTrue(
          !stableNow.equals(stableBefore) && !stableNow.equals(before),
          "stable runs the new revision: " + stableNow);
      assertEquals("Passed", String.valueOf(analysis.getResult()));
      assertTrue(
          Double.parseDouble(check(promoted, AnalysisMetric.P99LatencyMs).getValue()) > 0,
          "a p99 from the canary's buckets in Prometheus");
      assertTrue(Double.parseDouble(analysis.getCanaryRequestRate()) > 0);
      // Prometheus found the canary through the API server and labelled it as the PodMonitor does.
      String series =
          prometheus.query(
              "count by (track) (count_over_time(modelops_runtime_requests_total"
                  + "{namespace=\""
                  + NS
                  + "\",modeldeployment=\""
                  + MD
                  + "\"}[5m]))");
      assertTrue(series.contains("\"track\":\"canary\""), series);
      assertTrue(series.contains("\"track\":\"stable\""), series);
      assertEquals(Map.of(), load.failures(), "requests lost during the canary release");
    }
  }

  /** A new revision of the same model: another batch size, so the canary scores as stable does. */
  private static java.util.function.UnaryOperator<ModelDeployment> newRevision(int batchSize) {
    return md -> {
      md.getSpec().getRuntime().getBatching().setMaxBatchSize(batchSize);
      return md;
    };
  }

  private static CheckResult check(ModelDeployment md, AnalysisMetric metric) {
    return md.getStatus().getLastAnalysis().getChecks().stream()
        .filter(c -> metric.name().equals(c.getMetric()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(metric + " not in " + md.getStatus()));
  }

  /** Sets a fault on one pod through the runtime's admin API, with the operator-owned token. */
  private static void injectFault(Pod pod, String body) throws Exception {
    var secret = cluster.client().secrets().inNamespace(NS).withName(MD + "-fault-token").get();
    assertTrue(secret != null, "the operator's token Secret " + MD + "-fault-token");
    String token =
        new String(
                Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8)
            .strip();
    int port =
        pod.getSpec().getContainers().get(0).getPorts().stream()
            .filter(p -> "http".equals(p.getName()))
            .findFirst()
            .orElseThrow()
            .getContainerPort();
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://" + pod.getStatus().getPodIP() + ":" + port + "/admin/faults"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
  }
}
