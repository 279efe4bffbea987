package io.modelops.operator.realapi;

import static io.modelops.operator.realapi.RealApi.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.localcluster.LocalControlPlane;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.Labels;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The operator as it runs in production (server-side apply, no mock) against a real kube-apiserver
 * with the real Deployment, ReplicaSet, EndpointSlice, garbage-collector and namespace controllers;
 * the stand-in node marks bound pods Ready. A namespace per test.
 */
class ModelDeploymentRealApiIT {

  private static final String NAME = "ctr-ranker";

  private LocalControlPlane plane;
  private KubernetesClient client;
  private OperatorHarness operator;
  private String ns;

  @BeforeEach
  void setUp(TestInfo test) {
    plane = RealApi.plane();
    client = plane.client();
    ns =
        "md-"
            + test.getTestMethod()
                .orElseThrow()
                .getName()
                .toLowerCase()
                .replaceAll("[^a-z0-9]", "")
                .substring(0, 20);
    RealApi.createNamespace(client, ns);
    plane.node().readiness(pod -> true);
  }

  @AfterEach
  void tearDown() {
    if (operator != null) {
      operator.stop();
    }
    plane.node().readiness(pod -> true);
    RealApi.deleteNamespace(client, ns);
    client.close();
  }

  private OperatorHarness startOperator() {
    return OperatorHarness.builder(client)
        .serverSideApply(true)
        .namespaces(Set.of(ns))
        .maxReconciliationInterval(Duration.ofSeconds(2))
        .start();
  }

  private ModelDeployment create(int replicas) {
    return client.resource(ModelDeployments.sample(ns, NAME, replicas)).create();
  }

  private ModelDeployment md() {
    return RealApi.md(client, ns, NAME);
  }

  private ModelDeployment awaitMd(Predicate<ModelDeployment> p) {
    return RealApi.awaitMd(client, ns, NAME, p);
  }

  private static boolean ready(ModelDeployment md) {
    return md.getStatus() != null
        && Objects.equals(md.getStatus().getObservedGeneration(), md.getMetadata().getGeneration())
        && Conditions.isTrue(md.getStatus().getConditions(), Reasons.READY);
  }

  private Deployment stable() {
    return client.apps().deployments().inNamespace(ns).withName(NAME + "-stable").get();
  }

  private List<ReplicaSet> replicaSets() {
    return client.apps().replicaSets().inNamespace(ns).list().getItems();
  }

  @Test
  void becomesReadyWithPodsFromTheDeploymentController() {
    operator = startOperator();
    create(2);
    ModelDeployment md = awaitMd(ModelDeploymentRealApiIT::ready);
    assertEquals("2/2", md.getStatus().getReady());
    var pods = client.pods().inNamespace(ns).withLabel(Labels.TRACK, Labels.TRACK_STABLE).list();
    assertEquals(2, pods.getItems().size());
    pods.getItems().forEach(p -> assertEquals(plane.node().name(), p.getSpec().getNodeName()));
    assertEquals(1, replicaSets().size());
    // One Event per real transition: the objects were applied, the model became Ready.
    RealApi.eventually()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertEquals(List.of("Applied", Reasons.STABLE_SERVING), operatorEventReasons()));
    // The Service's EndpointSlice lists the two ready pods (kube-controller-manager wrote it).
    eventually()
        .until(
            () ->
                client.discovery().v1().endpointSlices().inNamespace(ns).list().getItems().stream()
                        .filter(s -> s.getEndpoints() != null)
                        .mapToLong(s -> s.getEndpoints().size())
                        .sum()
                    == 2);
  }

  @Test
  void kubectlScaleUsesTheScaleSubresource() {
    operator = startOperator();
    create(2);
    awaitMd(m -> ready(m) && Integer.valueOf(2).equals(m.getStatus().getReplicas()));
    var scaled = plane.run("kubectl", "scale", "-n", ns, "md", NAME, "--replicas=3");
    assertEquals(0, scaled.exitCode(), scaled.output());
    assertEquals(3, md().getSpec().getRuntime().getReplicas());
    ModelDeployment md =
        awaitMd(m -> ready(m) && Integer.valueOf(3).equals(m.getStatus().getReplicas()));
    assertEquals("3/3", md.getStatus().getReady());
    // What an HPA or KEDA reads: the scale subresource, with the pods' selector.
    var scale =
        plane.run(
            "kubectl",
            "get",
            "-n",
            ns,
            "md",
            NAME,
            "--subresource=scale",
            "-o",
            "jsonpath={.spec.replicas} {.status.replicas} {.status.selector}");
    assertEquals(
        "3 3 app.kubernetes.io/instance=" + NAME + ",app.kubernetes.io/name=inference-runtime",
        scale.output().strip());
    assertEquals(
        3,
        client
            .pods()
            .inNamespace(ns)
            .withLabels(Labels.allTracksSelector(md))
            .list()
            .getItems()
            .size());
  }

  @Test
  void modelChangeRollsOutANewReplicaSet() {
    operator = startOperator();
    create(2);
    awaitMd(ModelDeploymentRealApiIT::ready);
    String before = stable().getSpec().getTemplate().getMetadata().getLabels().get(Labels.REVISION);
    newModelVersion();
    ModelDeployment md =
        awaitMd(m -> ready(m) && !before.equals(m.getStatus().getStable().getRevision()));
    assertEquals("2026-11-20", md.getStatus().getStable().getVersion());
    assertEquals(2, replicaSets().size(), "the Deployment controller made a second ReplicaSet");
    eventually()
        .until(
            () ->
                client.pods().inNamespace(ns).list().getItems().stream()
                    .allMatch(
                        p -> !before.equals(p.getMetadata().getLabels().get(Labels.REVISION))));
  }

  @Test
  void handEditsOfOwnedObjectsArePutBack() {
    operator = startOperator();
    create(2);
    awaitMd(ModelDeploymentRealApiIT::ready);
    Deployment original = stable();
    String image = original.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    var securityContext =
        original.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext();
    assertNotNull(securityContext);

    RealApi.retryOnConflict(
        () -> client.apps().deployments().inNamespace(ns).withName(NAME + "-stable").scale(5));
    eventually().until(() -> stable().getSpec().getReplicas() == 2);

    // A person's edit races the controllers' status writes: retry it on 409 as kubectl edit would.
    RealApi.retryOnConflict(
        () ->
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName(NAME + "-stable")
                .edit(
                    d -> {
                      var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                      c.setImage("attacker/miner:latest");
                      c.getSecurityContext().setRunAsNonRoot(false);
                      c.getSecurityContext().setReadOnlyRootFilesystem(false);
                      return d;
                    }));
    eventually()
        .until(
            () -> {
              var c = stable().getSpec().getTemplate().getSpec().getContainers().get(0);
              return image.equals(c.getImage()) && securityContext.equals(c.getSecurityContext());
            });

    RealApi.retryOnConflict(
        () ->
            client
                .services()
                .inNamespace(ns)
                .withName(NAME)
                .edit(
                    s -> {
                      s.getSpec().getPorts().get(0).setPort(9999);
                      return s;
                    }));
    eventually()
        .until(
            () ->
                service().getSpec().getPorts().stream()
                    .map(p -> p.getPort())
                    .toList()
                    .equals(List.of(8080)));
    assertTrue(
        operatorEventReasons().contains("DriftCorrected"),
        "a DriftCorrected event tells who looks why the edit vanished: " + operatorEventReasons());
  }

  private void newModelVersion() {
    RealApi.retryOnConflict(
        () ->
            client
                .resources(ModelDeployment.class)
                .inNamespace(ns)
                .withName(NAME)
                .edit(
                    m -> {
                      m.getSpec().getModel().setVersion("2026-11-20");
                      m.getSpec().getModel().setUri("file:///models/ctr-ranker-2026-11-20.onnx");
                      return m;
                    }));
  }

  /** Reasons of the operator's Events in the namespace, sorted (same-second Events tie). */
  private List<String> operatorEventReasons() {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(
            e -> e.getSource() != null && "modelops-operator".equals(e.getSource().getComponent()))
        .map(e -> e.getReason())
        .sorted()
        .toList();
  }

  private Service service() {
    return client.services().inNamespace(ns).withName(NAME).get();
  }

  @Test
  void steadyStateMakesNoWriteRequests() throws InterruptedException {
    operator = startOperator();
    create(2);
    awaitMd(ModelDeploymentRealApiIT::ready);
    // Let the rollout's last status patches and events land: no write for a second.
    Map<String, Long> before = settledWrites();
    int eventsBefore = client.v1().events().inNamespace(ns).list().getItems().size();
    double reconcilesBefore = reconciles();
    // at least three resyncs (2 s interval) in the window
    eventually().until(() -> reconciles() - reconcilesBefore >= 3);
    Map<String, Long> after = RealApi.writeRequests(client);
    double resyncs = reconciles() - reconcilesBefore;
    Map<String, Long> delta = new HashMap<>();
    for (String key : OPERATOR_WRITES) {
      long d = after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
      if (d != 0) {
        delta.put(key, d);
      }
    }
    assertEquals(Map.of(), delta, "write requests during " + resyncs + " steady-state resyncs");
    assertEquals(
        eventsBefore,
        client.v1().events().inNamespace(ns).list().getItems().size(),
        "no Events without a transition");
  }

  /** Write counters (resource/subresource) of the objects the operator writes. */
  private static final List<String> OPERATOR_WRITES =
      List.of(
          "deployments/",
          "services/",
          "poddisruptionbudgets/",
          "horizontalpodautoscalers/",
          "modeldeployments/",
          "modeldeployments/status");

  /** The API server's write counters once the operator's have held still for a second. */
  private Map<String, Long> settledWrites() throws InterruptedException {
    Map<String, Long> last = RealApi.writeRequests(client);
    for (int i = 0; i < 15; i++) {
      Thread.sleep(1_000);
      Map<String, Long> now = RealApi.writeRequests(client);
      Map<String, Long> previous = last;
      if (OPERATOR_WRITES.stream()
          .allMatch(k -> now.getOrDefault(k, 0L).equals(previous.getOrDefault(k, 0L)))) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private double reconciles() {
    return operator.meterRegistry().getMeters().stream()
        .filter(m -> m.getId().getName().contains("reconcil"))
        .filter(m -> m instanceof io.micrometer.core.instrument.Timer)
        .mapToDouble(m -> ((io.micrometer.core.instrument.Timer) m).count())
        .sum();
  }

  @Test
  void deletingGarbageCollectsEveryOwnedObject() {
    operator = startOperator();
    create(2);
    awaitMd(ModelDeploymentRealApiIT::ready);
    client.resources(ModelDeployment.class).inNamespace(ns).withName(NAME).delete();
    eventually()
        .until(
            () ->
                client.apps().deployments().inNamespace(ns).list().getItems().isEmpty()
                    && replicaSets().isEmpty()
                    && client.pods().inNamespace(ns).list().getItems().isEmpty()
                    && client.services().inNamespace(ns).list().getItems().isEmpty()
                    && client
                        .policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(ns)
                        .list()
                        .getItems()
                        .isEmpty());
  }

  @Test
  void operatorRestartedMidRolloutConverges() {
    operator = startOperator();
    create(2);
    ModelDeployment first = awaitMd(ModelDeploymentRealApiIT::ready);
    String oldRevision = first.getStatus().getStable().getRevision();
    // New pods stay unready: the rollout cannot finish while the first operator runs.
    plane
        .node()
        .readiness(p -> oldRevision.equals(p.getMetadata().getLabels().get(Labels.REVISION)));
    newModelVersion();
    eventually().until(() -> replicaSets().size() == 2);
    awaitMd(
        m -> !ready(m) || Conditions.isTrue(m.getStatus().getConditions(), Reasons.PROGRESSING));
    operator.stop();

    plane.node().readiness(p -> true);
    operator = startOperator();
    ModelDeployment md =
        awaitMd(m -> ready(m) && !oldRevision.equals(m.getStatus().getStable().getRevision()));
    assertNotEquals(oldRevision, md.getStatus().getStable().getRevision());
    assertEquals("2026-11-20", md.getStatus().getStable().getVersion());
  }
}
