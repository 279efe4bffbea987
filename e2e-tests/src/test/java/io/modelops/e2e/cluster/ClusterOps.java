package io.modelops.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What the scenario classes do on the shared cluster, in one namespace: apply YAML with kubectl,
 * read and edit ModelDeployments, wait for their conditions and release phases, list their pods and
 * Service endpoints, and put load on their Service.
 */
final class ClusterOps {

  private final ModelOpsCluster cluster;
  private final KubernetesClient client;
  private final String ns;

  ClusterOps(ModelOpsCluster cluster, String ns) {
    this.cluster = cluster;
    this.client = cluster.client();
    this.ns = ns;
  }

  /** Runs kubectl and fails the test (with its output) unless it exits 0. */
  void kubectlOk(String... args) {
    var result = cluster.kubectl(args);
    assertEquals(0, result.exitCode(), result.output());
  }

  /** {@code kubectl apply} of a file of the repository. */
  void apply(String file) {
    kubectlOk("apply", "-f", SharedCluster.REPO.resolve(file).toString());
  }

  /** {@code kubectl apply} of YAML text (through a temporary file named after {@code name}). */
  void applyText(String name, String yaml) {
    try {
      Path file = Files.createTempFile(name, ".yaml");
      Files.writeString(file, yaml);
      kubectlOk("apply", "-f", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ModelDeployment md(String name) {
    return client.resources(ModelDeployment.class).inNamespace(ns).withName(name).get();
  }

  /**
   * Edits the ModelDeployment, reading it again when the operator's status write got in between
   * (409 Conflict: an edit carries the resourceVersion it read).
   */
  void edit(String name, UnaryOperator<ModelDeployment> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(ModelDeployment.class).inNamespace(ns).withName(name).edit(change);
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** Polls (every 500 ms) until the ModelDeployment exists and matches. */
  ModelDeployment awaitMd(String name, Duration atMost, Predicate<ModelDeployment> until) {
    return await()
        .atMost(atMost)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> md(name), md -> md != null && until.test(md));
  }

  /** Waits (3 min at most) until condition {@code type} is True for the current generation. */
  ModelDeployment awaitCondition(String name, String type) {
    return awaitMd(name, Duration.ofMinutes(3), md -> has(md, type));
  }

  /** Waits until {@code status.release.phase} is {@code phase}. */
  ModelDeployment awaitReleasePhase(String name, String phase, Duration atMost) {
    return awaitMd(name, atMost, md -> phase.equals(releasePhase(md)));
  }

  static String releasePhase(ModelDeployment md) {
    return md.getStatus() == null || md.getStatus().getRelease() == null
        ? null
        : String.valueOf(md.getStatus().getRelease().getPhase());
  }

  /** Whether condition {@code type} is True and the status is of the current generation. */
  static boolean has(ModelDeployment md, String type) {
    return md != null
        && md.getStatus() != null
        && md.getStatus().getConditions() != null
        && Objects.equals(md.getMetadata().getGeneration(), md.getStatus().getObservedGeneration())
        && md.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The ModelDeployment's runtime pods that are not terminating. */
  List<Pod> runtimePods(String name) {
    return client
        .pods()
        .inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", name)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /** The ModelDeployment's Ready runtime pods. */
  List<Pod> readyPods(String name) {
    return runtimePods(name).stream().filter(ModelOpsCluster::isReady).toList();
  }

  /** The Ready pods of one track ({@code canary} or {@code stable}). */
  List<Pod> readyPods(String name, String track) {
    return readyPods(name).stream()
        .filter(p -> track.equals(p.getMetadata().getLabels().get("modelops.io/track")))
        .toList();
  }

  /**
   * True when the Service {@code service} has no ready endpoint on a canary pod: from then on all
   * of its traffic goes to stable.
   */
  boolean noReadyCanaryEndpoint(String service) {
    Set<String> canaryPods =
        client
            .pods()
            .inNamespace(ns)
            .withLabel("app.kubernetes.io/instance", service)
            .withLabel("modelops.io/track", "canary")
            .list()
            .getItems()
            .stream()
            .map(p -> p.getMetadata().getName())
            .collect(Collectors.toSet());
    return client
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(ns)
        .withLabel("kubernetes.io/service-name", service)
        .list()
        .getItems()
        .stream()
        .filter(slice -> slice.getEndpoints() != null)
        .flatMap(slice -> slice.getEndpoints().stream())
        .filter(e -> e.getTargetRef() != null && canaryPods.contains(e.getTargetRef().getName()))
        .allMatch(e -> Boolean.FALSE.equals(e.getConditions().getReady()));
  }

  /** The Service's local address on the cluster's proxy. */
  InetSocketAddress serviceAddress(String service) {
    return cluster.proxy().address(ns, service, null).orElseThrow();
  }

  /**
   * Starts open-loop load on the Service {@code service} of model {@code model}: {@code rate}
   * requests a second of {@code rows} rows each.
   */
  LoadGenerator load(String service, String model, int rows, int rate) throws Exception {
    InetSocketAddress address = serviceAddress(service);
    var v2 = new V2Client(URI.create("http://127.0.0.1:" + address.getPort()));
    String body = v2.requestFor(v2.metadata(model), rows).toString();
    return new LoadGenerator(address, model, body, rate);
  }
}
