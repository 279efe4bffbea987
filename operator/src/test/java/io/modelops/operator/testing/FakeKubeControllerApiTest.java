package io.modelops.operator.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Deployment controller and kubelet on their own, against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class FakeKubeControllerApiTest {

  static final String NS = "fake";

  KubernetesClient client;
  FakeKubeController fake;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100));
  }

  static Deployment deployment(String image, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", "web")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "web")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private List<Pod> pods() {
    return client.pods().inNamespace(NS).list().getItems();
  }

  private Deployment web() {
    return client.apps().deployments().inNamespace(NS).withName("web").get();
  }

  private static boolean ready(Pod p) {
    return p.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void awaitAvailable(int replicas) {
    eventually()
        .until(
            () -> {
              var status = web().getStatus();
              return status != null
                  && Integer.valueOf(replicas).equals(status.getAvailableReplicas())
                  && Integer.valueOf(replicas).equals(status.getReplicas());
            });
  }

  @Test
  void createsReadyOwnedPodsAndReportsStatus() {
    client.resource(deployment("img:1", 2)).create();
    awaitAvailable(2);
    Deployment d = web();
    assertEquals(d.getMetadata().getGeneration(), d.getStatus().getObservedGeneration());
    assertEquals(2, d.getStatus().getUpdatedReplicas());
    var conditions =
        d.getStatus().getConditions().stream()
            .collect(Collectors.toMap(c -> c.getType(), c -> c.getStatus() + "/" + c.getReason()));
    assertEquals("True/MinimumReplicasAvailable", conditions.get("Available"));
    assertEquals("True/NewReplicaSetAvailable", conditions.get("Progressing"));
    assertEquals(2, pods().size());
    for (Pod p : pods()) {
      assertTrue(ready(p));
      assertEquals("web", p.getMetadata().getOwnerReferences().get(0).getName());
      assertEquals(d.getMetadata().getUid(), p.getMetadata().getOwnerReferences().get(0).getUid());
      assertEquals("web", p.getMetadata().getLabels().get("app"));
    }
  }

  @Test
  void replacesAPodDeletedBySomeoneElse() {
    client.resource(deployment("img:1", 2)).create();
    awaitAvailable(2);
    Pod victim = pods().get(0);
    client.resource(victim).delete();
    eventually()
        .until(
            () ->
                pods().size() == 2
                    && pods().stream()
                        .noneMatch(
                            p -> p.getMetadata().getName().equals(victim.getMetadata().getName()))
                    && pods().stream().allMatch(FakeKubeControllerApiTest::ready));
  }

  @Test
  void rollsToANewTemplateOnlyOnceNewPodsAreReady() {
    Set<String> started = ConcurrentHashMap.newKeySet();
    fake.withPodStarter(
        (pod, owner, controller) -> {
          started.add(pod.getMetadata().getName());
          return pod.getSpec().getContainers().get(0).getImage().equals("img:2")
              ? PodOutcome.STARTING
              : PodOutcome.READY;
        });
    client.resource(deployment("img:1", 2)).create();
    awaitAvailable(2);
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("web")
        .edit(
            d -> {
              d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("img:2");
              return d;
            });
    // The new pods appear before the controller's next status write; wait for both.
    eventually().until(() -> pods().size() == 4 && "True/ReplicaSetUpdated".equals(progressing()));
    assertEquals(2, web().getStatus().getReadyReplicas(), "old pods keep serving");
    for (Pod p : pods()) {
      if (p.getSpec().getContainers().get(0).getImage().equals("img:2")) {
        fake.setPodReady(NS, p.getMetadata().getName(), true);
      }
    }
    eventually()
        .until(
            () ->
                pods().size() == 2
                    && pods().stream()
                        .allMatch(
                            p -> p.getSpec().getContainers().get(0).getImage().equals("img:2")));
    awaitAvailable(2);
    eventually().until(() -> "True/NewReplicaSetAvailable".equals(progressing()));
  }

  @Test
  void imagePullFailureLeavesOldPodsAndReportsTheDeadline() {
    fake.failImagePull("img:bad");
    client.resource(deployment("img:1", 1)).create();
    awaitAvailable(1);
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("web")
        .edit(
            d -> {
              d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("img:bad");
              return d;
            });
    eventually().until(() -> "False/ProgressDeadlineExceeded".equals(progressing()));
    Pod failing =
        pods().stream()
            .filter(p -> p.getSpec().getContainers().get(0).getImage().equals("img:bad"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "ImagePullBackOff",
        failing.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
    assertEquals(1, web().getStatus().getReadyReplicas());
  }

  @Test
  void deletingTheDeploymentDeletesItsPods() {
    client.resource(deployment("img:1", 2)).create();
    awaitAvailable(2);
    client.apps().deployments().inNamespace(NS).withName("web").delete();
    eventually().until(() -> pods().isEmpty());
  }

  private String progressing() {
    return web().getStatus().getConditions().stream()
        .filter(c -> "Progressing".equals(c.getType()))
        .map(c -> c.getStatus() + "/" + c.getReason())
        .findFirst()
        .orElse(null);
  }
}
