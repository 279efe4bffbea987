package io.modelops.operator.realapi;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.localcluster.LocalControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real-API tier's shared setup: the JVM's {@link LocalControlPlane} with the committed CRD
 * installed, a namespace per test, the API server's own request counters.
 */
final class RealApi {

  static final Path CRD = Path.of("..", "crds", "modeldeployments.modelops.io-v1.yml");
  private static boolean crdInstalled;

  private RealApi() {}

  /** The shared control plane, with the committed ModelDeployment CRD Established. */
  static synchronized LocalControlPlane plane() {
    LocalControlPlane plane = LocalControlPlane.shared();
    if (!crdInstalled) {
      try (KubernetesClient client = plane.client()) {
        installCrd(plane, client);
      }
      crdInstalled = true;
    }
    return plane;
  }

  static void installCrd(LocalControlPlane plane, KubernetesClient client) {
    plane.installCrd(CRD);
    // The resource type is served once discovery lists it.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> client.resources(ModelDeployment.class).inAnyNamespace().list() != null);
  }

  static void createNamespace(KubernetesClient client, String name) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /** Deletes the namespace and waits until the namespace controller has emptied and removed it. */
  static void deleteNamespace(KubernetesClient client, String name) {
    client.namespaces().withName(name).delete();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> client.namespaces().withName(name).get() == null);
  }

  /** Runs a read-modify-write again when the API server answers 409 Conflict. */
  static void retryOnConflict(Runnable edit) {
    io.modelops.operator.testing.Conflicts.retry(edit);
  }

  /** The ModelDeployment {@code namespace/name}, or null. */
  static ModelDeployment md(KubernetesClient client, String namespace, String name) {
    return client.resources(ModelDeployment.class).inNamespace(namespace).withName(name).get();
  }

  /**
   * Waits ({@link #eventually()}) until the ModelDeployment exists and {@code p} holds; fails with
   * the last one seen, as YAML.
   */
  static ModelDeployment awaitMd(
      KubernetesClient client, String namespace, String name, Predicate<ModelDeployment> p) {
    ModelDeployment[] last = new ModelDeployment[1];
    try {
      eventually().until(() -> (last[0] = md(client, namespace, name)) != null && p.test(last[0]));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "ModelDeployment not as expected; last seen:\n"
              + client.getKubernetesSerialization().asYaml(last[0]),
          e);
    }
    return last[0];
  }

  static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(250));
  }

  private static final Pattern REQUEST_TOTAL =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /**
   * Write requests (create, update, patch, apply, delete) the API server has answered so far, per
   * resource, from its own {@code apiserver_request_total} counter.
   */
  static Map<String, Long> writeRequests(KubernetesClient client) {
    String metrics = client.raw("/metrics");
    Map<String, Long> writes = new HashMap<>();
    Matcher m = REQUEST_TOTAL.matcher(metrics);
    while (m.find()) {
      Map<String, String> labels = new HashMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String verb = labels.getOrDefault("verb", "");
      if (verb.matches("POST|PUT|PATCH|APPLY|DELETE|DELETECOLLECTION|CREATE|UPDATE")) {
        String key =
            labels.getOrDefault("resource", "") + "/" + labels.getOrDefault("subresource", "");
        writes.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
      }
    }
    return writes;
  }
}
