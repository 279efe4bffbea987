package io.modelops.e2e.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.e2e.apiserver.EmbeddedApiServer;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.OperatorHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The local harness: the embedded API server with the CRDs installed, the operator (plain
 * java-operator-sdk, no leader election, no server-side apply), the fake kube-controller-manager,
 * and a {@link PodRuntime} standing in for the pods' containers. Each part talks to the API server
 * with its own client, named in the request counter: {@code modelops-operator}, {@code
 * fake-kube-controller}, {@code modelops-user}.
 */
public final class LocalCluster implements AutoCloseable {

  /** User-Agent (and request-counter name) of the operator's client. */
  public static final String OPERATOR_CLIENT = "modelops-operator";

  /** User-Agent of the fake controller's client. */
  public static final String CONTROLLER_CLIENT = "fake-kube-controller";

  /** User-Agent of the client that applies examples. */
  public static final String USER_CLIENT = "modelops-user";

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final EmbeddedApiServer apiServer;
  private final PodRuntime runtime;
  private final PodRuntimeStarter starter;
  private final FakeKubeController controller;
  private final OperatorHarness operator;
  private final KubernetesClient user;

  private LocalCluster(
      EmbeddedApiServer apiServer,
      PodRuntime runtime,
      PodRuntimeStarter starter,
      FakeKubeController controller,
      OperatorHarness operator) {
    this.apiServer = apiServer;
    this.runtime = runtime;
    this.starter = starter;
    this.controller = controller;
    this.operator = operator;
    this.user = apiServer.newClient(USER_CLIENT);
  }

  /**
   * Starts everything.
   *
   * @param port API server port (0: a free one)
   * @param crds the CRD YAML to install
   * @param runtime what stands in for pods (closed with the cluster)
   */
  public static LocalCluster start(int port, Path crds, PodRuntime runtime) throws IOException {
    EmbeddedApiServer apiServer = EmbeddedApiServer.start(port);
    PodRuntimeStarter starter = null;
    FakeKubeController controller = null;
    try {
      apiServer.installCrds(crds);
      starter = new PodRuntimeStarter(runtime, Duration.ofMillis(300));
      controller =
          new FakeKubeController(apiServer.newClient(CONTROLLER_CLIENT))
              .withPodStarter(starter)
              .start();
      OperatorHarness operator =
          OperatorHarness.builder(apiServer.newClient(OPERATOR_CLIENT)).start();
      return new LocalCluster(apiServer, runtime, starter, controller, operator);
    } catch (RuntimeException | IOException e) {
      if (controller != null) {
        controller.close();
      }
      if (starter != null) {
        starter.close();
      }
      runtime.close();
      apiServer.close();
      throw e;
    }
  }

  public EmbeddedApiServer apiServer() {
    return apiServer;
  }

  public PodRuntime runtime() {
    return runtime;
  }

  public OperatorHarness operator() {
    return operator;
  }

  /** A client for acting as a user (applying examples, reading status). */
  public KubernetesClient client() {
    return user;
  }

  /**
   * Creates (or updates) every object in a YAML file in {@code namespace}, like kubectl apply: it
   * also records the {@code kubectl.kubernetes.io/last-applied-configuration} annotation, so a
   * later {@code kubectl apply} of the same file computes its patch as usual.
   */
  public List<HasMetadata> apply(Path yaml, String namespace) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(yaml)) {
      for (HasMetadata item : user.load(in).items()) {
        item.getMetadata().setNamespace(namespace);
        String applied = user.getKubernetesSerialization().asJson(item);
        if (item.getMetadata().getAnnotations() == null) {
          item.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
        }
        item.getMetadata().getAnnotations().put(LAST_APPLIED, applied);
        out.add(user.resource(item).inNamespace(namespace).createOr(existing -> existing.update()));
      }
    }
    return out;
  }

  @Override
  public void close() {
    operator.close();
    controller.close();
    starter.close();
    runtime.close();
    apiServer.close();
  }
}
