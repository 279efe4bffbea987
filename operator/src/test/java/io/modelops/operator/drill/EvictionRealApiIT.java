package io.modelops.operator.drill;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.localcluster.LocalControlPlane;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NodeDrain's evictions on the real API server: a PodDisruptionBudget that allows no disruption
 * makes the server refuse with 429 (and a {@code Retry-After}), which the Kubernetes client would
 * retry by itself for about 20 s. The engine's eviction client answers the refusal at once, so the
 * reconcile goes on and the next one tries again.
 */
class EvictionRealApiIT {

  private static final String NS = "eviction-it";
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    client = LocalControlPlane.shared().client();
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.namespaces().withName(NS).delete();
      client.close();
    }
  }

  @Test
  void aRefusedEvictionAnswersAtOnceInsteadOfBeingRetriedByTheClient() {
    // A running, ready pod the scheduler leaves alone (no kubelet runs here: its status is
    // written the way a kubelet would), guarded by a budget that needs it.
    Pod pod =
        client
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("guarded")
                    .withNamespace(NS)
                    .withLabels(Map.of("app", "guarded"))
                    .endMetadata()
                    .withNewSpec()
                    .withSchedulerName("none")
                    .addNewContainer()
                    .withName("main")
                    .withImage("modelops/inference-runtime:0.1.0")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(
        new PodStatusBuilder()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .build());
    client.resource(pod).updateStatus();
    client
        .resource(
            new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("guarded")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(Map.of("app", "guarded"))
                .endSelector()
                .endSpec()
                .build())
        .create();
    // The disruption controller has counted the pod: one healthy, none may go.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              PodDisruptionBudget pdb =
                  client
                      .policy()
                      .v1()
                      .podDisruptionBudget()
                      .inNamespace(NS)
                      .withName("guarded")
                      .get();
              return pdb.getStatus() != null
                  && Integer.valueOf(1).equals(pdb.getStatus().getCurrentHealthy())
                  && Integer.valueOf(0).equals(pdb.getStatus().getDisruptionsAllowed());
            });

    long started = System.nanoTime();
    boolean evicted =
        NativeEngine.withoutRetries(client).pods().inNamespace(NS).withName("guarded").evict();
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertFalse(evicted, "the budget refuses the eviction");
    assertTrue(tookMs < 5_000, "refusal answered at once, not retried: " + tookMs + " ms");
    assertTrue(
        client.pods().inNamespace(NS).withName("guarded").get() != null, "the pod is still there");
  }
}
