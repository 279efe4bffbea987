package io.modelops.operator.reconciler;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.condition.Conditions;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/** Shared helpers of the *ApiTests: reads and waits, in one place. */
final class ApiTestSupport {

  static final String NS = "search";

  private ApiTestSupport() {}

  static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100));
  }

  static ModelDeployment md(KubernetesClient client, String name) {
    return client.resources(ModelDeployment.class).inNamespace(NS).withName(name).get();
  }

  static Deployment deployment(KubernetesClient client, String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  static List<Pod> pods(KubernetesClient client) {
    return client.pods().inNamespace(NS).list().getItems();
  }

  static List<Event> events(KubernetesClient client, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  static Condition condition(ModelDeployment md, String type) {
    if (md == null || md.getStatus() == null) {
      return null;
    }
    return Conditions.find(md.getStatus().getConditions(), type).orElse(null);
  }

  /** Waits until the ModelDeployment matches and returns it. */
  static ModelDeployment awaitMd(
      KubernetesClient client, String name, Predicate<ModelDeployment> p) {
    ModelDeployment[] holder = new ModelDeployment[1];
    try {
      eventually()
          .until(
              () -> {
                holder[0] = md(client, name);
                return holder[0] != null && p.test(holder[0]);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "ModelDeployment "
              + name
              + " did not reach the expected state; last seen:\n"
              + client.getKubernetesSerialization().asYaml(holder[0]),
          e);
    }
    return holder[0];
  }

  static String env(Deployment d, String name) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> name.equals(e.getName()))
        .map(e -> e.getValue())
        .findFirst()
        .orElse(null);
  }

  /**
   * Edits the ModelDeployment {@code name} like kubectl would: reads it, changes it and writes it
   * with the read resourceVersion, again when the operator wrote its status meanwhile (409).
   */
  static void edit(
      KubernetesClient client, String name, java.util.function.Consumer<ModelDeployment> change) {
    io.modelops.operator.testing.Conflicts.retry(
        () -> {
          ModelDeployment current = md(client, name);
          change.accept(current);
          client.resource(current).update();
        });
  }
}
