package io.modelops.localcluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The control plane built from Go modules behaves as a cluster: the real Deployment controller
 * makes pods, the scheduler binds them to the stand-in node, EndpointSlices list their IPs, the
 * garbage collector follows owner references, namespaces finish deleting — and closing it leaves no
 * process behind. Runs its own instance (not the shared one) so the last check can close it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalControlPlaneIT {

  private static final String NS = "lcp-it";
  private static LocalControlPlane plane;
  private static KubernetesClient client;

  /** Processes other tests of this JVM started (the shared control plane): not ours to judge. */
  private static java.util.Set<Long> before;

  @BeforeAll
  static void start() {
    before =
        ProcessHandle.current()
            .descendants()
            .map(ProcessHandle::pid)
            .collect(java.util.stream.Collectors.toSet());
    plane = LocalControlPlane.start(ControlPlaneBinaries.load(), Path.of("target/lcp-it"));
    client = plane.client();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  @Order(1)
  void reportsTheBuiltReleaseAsItsVersion() {
    var version = client.getKubernetesVersion();
    assertEquals("v" + plane.binaries().kubeVersion(), version.getGitVersion());
  }

  @Test
  @Order(2)
  void deploymentGetsReadyPodsEndpointsAndIsCollected() {
    Map<String, String> labels = Map.of("app", "web");
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace(NS)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("example/web:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(deployment).create();
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withSelector(labels)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();

    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              var d = client.apps().deployments().inNamespace(NS).withName("web").get();
              return d.getStatus() != null
                  && Objects.equals(d.getStatus().getAvailableReplicas(), 2);
            });
    var pods = client.pods().inNamespace(NS).withLabels(labels).list().getItems();
    assertEquals(2, pods.size());
    pods.forEach(p -> assertEquals(plane.node().name(), p.getSpec().getNodeName()));

    await().atMost(Duration.ofSeconds(60)).until(() -> readyAddresses().size() == 2);
    List<String> podIps = pods.stream().map(p -> p.getStatus().getPodIP()).sorted().toList();
    assertEquals(podIps, readyAddresses().stream().sorted().toList());

    client.apps().deployments().inNamespace(NS).withName("web").delete();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                client.apps().replicaSets().inNamespace(NS).list().getItems().isEmpty()
                    && client.pods().inNamespace(NS).list().getItems().isEmpty());
  }

  private List<String> readyAddresses() {
    return client
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(NS)
        .withLabel("kubernetes.io/service-name", "web")
        .list()
        .getItems()
        .stream()
        .map(EndpointSlice::getEndpoints)
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
        .flatMap(e -> e.getAddresses().stream())
        .toList();
  }

  @Test
  @Order(3)
  void namespaceFinishesDeleting() {
    client.namespaces().withName(NS).delete();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> client.namespaces().withName(NS).get() == null);
  }

  @Test
  @Order(4)
  void closingLeavesNoProcessBehind() {
    assertFalse(ours().findAny().isEmpty(), "components running");
    client.close();
    client = null;
    plane.close();
    plane = null;
    await().atMost(Duration.ofSeconds(30)).until(() -> ours().noneMatch(ProcessHandle::isAlive));
    assertTrue(ours().noneMatch(ProcessHandle::isAlive));
  }

  private static java.util.stream.Stream<ProcessHandle> ours() {
    return ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid()));
  }
}
