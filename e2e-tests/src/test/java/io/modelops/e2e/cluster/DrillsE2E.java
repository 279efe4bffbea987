package io.modelops.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.DrillRun;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Disaster-recovery drills on the local cluster: real runtime processes killed or scaled away while
 * real traffic flows through the Service, the operator (installed from the chart, running as a pod)
 * measuring steady state and RTO, and the guards that keep a drill away from a blackout window and
 * a release. Works in its own namespace on its own two-replica ModelDeployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class DrillsE2E {

  static final String NS = "drills";
  static final String MD = "ranker";
  private static ModelOpsCluster cluster;
  private static KubernetesClient client;
  private static ClusterOps ops;

  @BeforeAll
  static void start() throws Exception {
    cluster = SharedCluster.cluster();
    client = cluster.client();
    ops = new ClusterOps(cluster, NS);
    ops.kubectlOk("create", "namespace", NS);
    String md =
        Files.readString(SharedCluster.REPO.resolve("examples/ctr-ranker.yaml"))
            .replace("name: ctr-ranker\nspec:", "name: " + MD + "\n  namespace: " + NS + "\nspec:")
            .replace("requests: {cpu: \"1\", memory: 1Gi}", "requests: {cpu: 500m, memory: 512Mi}")
            .replace(
                "    batching: {maxBatchSize: 64, maxQueueDelay: 2ms}\n",
                "    batching: {maxBatchSize: 64, maxQueueDelay: 2ms}\n"
                    + "    faultInjection: {enabled: true}\n");
    assertTrue(md.contains("faultInjection"), "the example's runtime block changed: " + md);
    ops.applyText("md", md);
    // A schedule firing every minute inside a blackout window that covers this whole class: its
    // next due run must be recorded as Skipped with the window's reason, not injected.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ops.applyText(
        "blackout",
        """
        apiVersion: modelops.io/v1alpha1
        kind: DrillSchedule
        metadata: {name: during-sale, namespace: %s}
        spec:
          target: {modelDeployment: %s}
          schedule: "* * * * *"
          blackoutWindows:
            - {reason: Sales day, start: "%s", end: "%s"}
          template:
            fault: {type: PodKill}
            duration: 10s
        """
            .formatted(NS, MD, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ops.md(MD), m -> ClusterOps.has(m, "Ready") && ops.readyPods(MD).size() == 2);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      cluster.kubectl("delete", "namespace", NS, "--wait=false");
    }
  }

  @Test
  @Order(1)
  void aPodKillUnderLoadPassesWithItsRtoAndNoRequestLostBeyondTheBudget() throws Exception {
    InetSocketAddress address = cluster.proxy().address(NS, MD, null).orElseThrow();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + address.getPort()));
    String body = v2.requestFor(v2.metadata("ctr-ranker"), 1).toString();
    var load = new LoadGenerator(address, "ctr-ranker", body, 50);
    List<String> before = ops.readyPods(MD).stream().map(p -> p.getMetadata().getName()).toList();
    ops.applyText("podkill", run("pod-kill", "type: PodKill", "10s"));
    DrillRun done = awaitRun("pod-kill", r -> r.getStatus().getVerdict() != null);
    load.close();
    System.out.printf(
        "pod-kill drill under load: verdict %s, RTO %s, probes %s; load %d sent, %d ok, failures"
            + " %s%n",
        done.getStatus().getVerdict(),
        done.getStatus().getRto(),
        io.fabric8.kubernetes.client.utils.Serialization.asJson(done.getStatus().getProbes()),
        load.sent(),
        load.ok(),
        load.failures());
    assertEquals("Passed", String.valueOf(done.getStatus().getVerdict()), message(done));
    assertNotNull(done.getStatus().getRto(), "RTO measured");
    String killed = done.getStatus().getFaults().get(0).getTargets().get(0);
    assertTrue(before.contains(killed), "the drill killed one of the serving pods: " + killed);
    assertTrue(
        ops.readyPods(MD).stream().noneMatch(p -> p.getMetadata().getName().equals(killed)),
        "the killed pod was replaced");
    long failed = load.sent() - load.ok();
    assertTrue(load.sent() > 200, "load ran: " + load.sent());
    // The drill's abort budget is 1% errors; the client's traffic must stay inside it.
    assertTrue(
        failed <= load.sent() / 100, "failed " + failed + " of " + load.sent() + load.failures());
    var last =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> ops.md(MD).getStatus().getLastDrill(),
                d -> d != null && "pod-kill".equals(d.getName()));
    assertEquals("Passed", last.getVerdict());
    assertEquals(done.getStatus().getRto(), last.getRto());
  }

  @Test
  @Order(2)
  void theOperatorKilledMidDrillFinishesTheRunAndRemovesTheFaultAfterItsRestart() {
    ops.applyText("loss", run("replica-loss", "{type: ReplicaLoss, replicas: 1}", "20s"));
    awaitRun(
        "replica-loss",
        r ->
            r.getStatus().getFaults() != null
                && !r.getStatus().getFaults().isEmpty()
                && r.getStatus().getFaults().get(0).getInjectedTime() != null);
    Pod operator = cluster.operatorPod();
    client.pods().resource(operator).delete();
    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            cluster::operatorPod,
            p -> !p.getMetadata().getUid().equals(operator.getMetadata().getUid()));
    DrillRun done = awaitRun("replica-loss", r -> r.getStatus().getVerdict() != null);
    assertNotNull(
        done.getStatus().getFaults().get(0).getRemovedTime(),
        "the fault is recorded removed: " + message(done));
    assertEquals(
        2,
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName(MD + "-stable")
            .get()
            .getSpec()
            .getReplicas(),
        "the stable Deployment is back at two replicas");
    await().atMost(Duration.ofMinutes(2)).until(() -> ops.readyPods(MD).size() == 2);
  }

  @Test
  @Order(3)
  void aLatencyFaultThatBurnsTheSloIsAbortedEarlyAndRemoved() throws Exception {
    ops.applyText(
        "latency",
        """
        apiVersion: modelops.io/v1alpha1
        kind: DrillRun
        metadata: {name: slow, namespace: %s}
        spec:
          target: {modelDeployment: %s}
          fault: {type: RuntimeLatency, mode: All, latency: 400ms}
          duration: 2m
          guards: {minReadyReplicas: 2}
          steadyState:
            traffic: {ratePerSecond: 5, timeout: 2s}
          abort: {p99Latency: 200ms}
          recovery: {rto: 60s, timeout: 3m}
        """
            .formatted(NS, MD));
    DrillRun done = awaitRun("slow", r -> r.getStatus().getVerdict() != null);
    System.out.printf(
        "latency drill: verdict %s (%s), probes %s%n",
        done.getStatus().getVerdict(),
        message(done),
        io.fabric8.kubernetes.client.utils.Serialization.asJson(done.getStatus().getProbes()));
    assertEquals("Aborted", String.valueOf(done.getStatus().getVerdict()), message(done));
    assertEquals("SloBurn", done.getStatus().getReason());
    var fault = done.getStatus().getFaults().get(0);
    assertNotNull(fault.getRemovedTime(), "the fault is removed: " + message(done));
    Duration held =
        Duration.between(
            Instant.parse(fault.getInjectedTime()), Instant.parse(fault.getRemovedTime()));
    assertTrue(
        held.compareTo(Duration.ofSeconds(60)) < 0,
        "aborted early, not at the end of its 2m: held " + held);
    // The runtime answers at its own speed again: the latency is gone from every pod.
    InetSocketAddress address = cluster.proxy().address(NS, MD, null).orElseThrow();
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + address.getPort()));
    var request = v2.requestFor(v2.metadata("ctr-ranker"), 1);
    for (int i = 0; i < 6; i++) {
      long start = System.nanoTime();
      v2.infer("ctr-ranker", request);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.toMillis() < 350, "request " + i + " still slow after removal: " + took);
    }
  }

  @Test
  @Order(4)
  void aScheduledRunInsideABlackoutWindowIsSkippedWithTheWindowsReason() {
    DrillRun skipped =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    client.resources(DrillRun.class).inNamespace(NS).list().getItems().stream()
                        .filter(r -> r.getMetadata().getName().startsWith("during-sale-"))
                        .filter(r -> r.getStatus() != null && r.getStatus().getVerdict() != null)
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertEquals("Skipped", String.valueOf(skipped.getStatus().getVerdict()), message(skipped));
    assertEquals("Blackout", skipped.getStatus().getReason());
    assertTrue(
        skipped.getStatus().getMessage().contains("Sales day"), skipped.getStatus().getMessage());
    assertTrue(
        skipped.getStatus().getFaults() == null || skipped.getStatus().getFaults().isEmpty(),
        "nothing injected");
    cluster.kubectl("delete", "drillschedule", "during-sale", "-n", NS);
  }

  @Test
  @Order(5)
  void aDrillDuringACanaryReleaseIsSkipped() {
    ops.edit(
        MD,
        md -> {
          var release = md.getSpec().getRelease();
          release.setStrategy(io.modelops.api.v1alpha1.ReleaseStrategy.Canary);
          var canary = new io.modelops.api.v1alpha1.CanarySpec();
          var step = new io.modelops.api.v1alpha1.CanaryStep();
          step.setWeight(50);
          step.setPause("10m"); // the release stays in progress for this test
          canary.setSteps(List.of(step));
          canary.setMaxSurgeReplicas(1);
          release.setCanary(canary);
          md.getSpec().getRuntime().getBatching().setMaxBatchSize(32);
          return md;
        });
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> ops.md(MD),
            m ->
                m.getStatus() != null
                    && m.getStatus().getRelease() != null
                    && !"Healthy".equals(String.valueOf(m.getStatus().getRelease().getPhase())));
    ops.applyText("during-canary", run("during-canary", "type: PodKill", "10s"));
    DrillRun done = awaitRun("during-canary", r -> r.getStatus().getVerdict() != null);
    assertEquals("Skipped", String.valueOf(done.getStatus().getVerdict()), message(done));
    assertEquals("ReleaseInProgress", done.getStatus().getReason());
    assertTrue(done.getStatus().getFaults() == null || done.getStatus().getFaults().isEmpty());
  }

  private static String run(String name, String fault, String duration) {
    return """
        apiVersion: modelops.io/v1alpha1
        kind: DrillRun
        metadata: {name: %s, namespace: %s}
        spec:
          target: {modelDeployment: %s}
          fault: %s
          duration: %s
          guards: {minReadyReplicas: 2}
          steadyState:
            traffic: {ratePerSecond: 5, timeout: 1s}
          abort: {errorRatio: "0.01"}
          recovery: {rto: 90s, timeout: 3m}
        """
        .formatted(name, NS, MD, fault.startsWith("{") ? fault : "{" + fault + "}", duration);
  }

  private static DrillRun awaitRun(String name, Predicate<DrillRun> p) {
    return await()
        .atMost(Duration.ofMinutes(4))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> client.resources(DrillRun.class).inNamespace(NS).withName(name).get(),
            r -> r != null && r.getStatus() != null && p.test(r));
  }

  private static String message(DrillRun run) {
    return run.getStatus().getReason() + ": " + run.getStatus().getMessage();
  }
}
