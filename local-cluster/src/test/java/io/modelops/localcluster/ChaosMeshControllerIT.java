package io.modelops.localcluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos Mesh's own controller manager (built by {@code local-cluster/build-chaos-mesh.sh}) on the
 * local control plane: a PodChaos {@code pod-kill} is injected through the API (no chaos-daemon),
 * reports {@code AllInjected}, deletes exactly the named pod, and is released when deleted; other
 * chaos kinds are left alone. Skipped, with the command that builds it, where it was not built.
 */
class ChaosMeshControllerIT {

  private static final String NS = "chaos-it";
  private static LocalControlPlane plane;
  private static ChaosMeshController chaosMesh;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    var binaries = ControlPlaneBinaries.load();
    var missing = ChaosMeshController.unavailableReason(binaries.root());
    assumeTrue(missing.isEmpty(), () -> "Chaos Mesh is not built here: " + missing.orElseThrow());
    Path dir = Path.of("target/chaos-mesh-it");
    plane = LocalControlPlane.start(binaries, dir);
    chaosMesh = ChaosMeshController.start(plane, ChaosMeshController.find(binaries.root()), dir);
    client = plane.client();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (chaosMesh != null) {
      chaosMesh.close();
      System.out.println(
          "chaos-controller-manager log: "
              + Files.readAllLines(Path.of("target/chaos-mesh-it/chaos-controller-manager.log"))
                  .size()
              + " lines");
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aPodKillDeletesTheNamedPodReportsAllInjectedAndIsReleasedOnDelete() {
    for (String name : List.of("victim", "bystander")) {
      client
          .pods()
          .inNamespace(NS)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("main")
                  .withImage("example/none")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
    }
    // Another kind, created first: only the PodChaos pipeline may act on anything.
    client
        .genericKubernetesResources(context("stresschaos"))
        .inNamespace(NS)
        .resource(
            chaos(
                "StressChaos",
                "stress",
                Map.of(
                    "mode", "all",
                    "selector", Map.of("pods", Map.of(NS, List.of("bystander"))),
                    "stressors", Map.of("cpu", Map.of("workers", 1)))))
        .create();
    client
        .genericKubernetesResources(context("podchaos"))
        .inNamespace(NS)
        .resource(
            chaos(
                "PodChaos",
                "kill",
                Map.of(
                    "action", "pod-kill",
                    "mode", "all",
                    "gracePeriod", 0,
                    "duration", "60s",
                    "selector", Map.of("pods", Map.of(NS, List.of("victim"))))))
        .create();

    var injected =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> get("podchaos", "kill"),
                c -> "True".equals(ChaosMeshController.condition(c, "AllInjected")));
    assertEquals("False", ChaosMeshController.condition(injected, "AllRecovered"));
    Map<?, ?> record = (Map<?, ?>) experiment(injected, "containerRecords").get(0);
    assertEquals(NS + "/victim", record.get("id"));
    assertEquals("Injected", record.get("phase"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.pods().inNamespace(NS).withName("victim").get() == null);
    assertNotNull(client.pods().inNamespace(NS).withName("bystander").get(), "not selected");
    var stress = get("stresschaos", "stress");
    assertNull(stress.getAdditionalProperties().get("status"), "StressChaos left alone");
    assertEquals(List.of(), stress.getMetadata().getFinalizers());

    client
        .genericKubernetesResources(context("podchaos"))
        .inNamespace(NS)
        .withName("kill")
        .delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("podchaos", "kill") == null); // its finalizer removed by Chaos Mesh
  }

  private static GenericKubernetesResource chaos(String kind, String name, Map<String, ?> spec) {
    var object = new GenericKubernetesResource();
    object.setApiVersion("chaos-mesh.org/v1alpha1");
    object.setKind(kind);
    object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    object.setAdditionalProperty("spec", spec);
    return object;
  }

  private static ResourceDefinitionContext context(String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("chaos-mesh.org")
        .withVersion("v1alpha1")
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  private static GenericKubernetesResource get(String plural, String name) {
    return client.genericKubernetesResources(context(plural)).inNamespace(NS).withName(name).get();
  }

  private static List<?> experiment(GenericKubernetesResource chaos, String field) {
    var status = (Map<?, ?>) chaos.getAdditionalProperties().get("status");
    return (List<?>) ((Map<?, ?>) status.get("experiment")).get(field);
  }
}
