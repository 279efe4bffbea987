package io.modelops.e2e.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.localcluster.ControlPlaneBinaries;
import io.modelops.localcluster.LocalControlPlane;
import io.modelops.localcluster.ServiceProxy;
import io.modelops.localcluster.ToolResult;
import io.modelops.localcluster.kubelet.NetworkMode;
import io.modelops.localcluster.kubelet.NodeSpec;
import io.modelops.localcluster.kubelet.PodPorts;
import io.modelops.localcluster.kubelet.ProcessKubelet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole system on one machine, as a platform team would run it: the real control plane, a
 * process kubelet with two CPU nodes and one GPU node, the Service/HTTPRoute proxy, the Gateway API
 * CRDs, and the operator installed from the Helm chart with the real {@code helm} (so it runs as a
 * pod under the chart's ServiceAccount and RBAC).
 */
public final class ModelOpsCluster implements AutoCloseable {

  /** The namespace the chart is installed into. */
  public static final String OPERATOR_NAMESPACE = "modelops-system";

  /** The Helm release name. */
  public static final String RELEASE = "modelops";

  private final Path repo;
  private final Path workDir;
  private final Consumer<String> progress;
  private LocalControlPlane plane;
  private KubernetesClient client;
  private ProcessKubelet kubelet;
  private ServiceProxy proxy;

  private ModelOpsCluster(Path repo, Path workDir, Consumer<String> progress) {
    this.repo = repo.toAbsolutePath().normalize();
    this.workDir = workDir.toAbsolutePath().normalize();
    this.progress = progress;
  }

  /**
   * Starts the cluster and installs the operator chart; {@code progress} hears what happens.
   *
   * @param repo the repository root (chart, build output, example models)
   * @param workDir where the kubeconfig, pod folders and logs go
   */
  public static ModelOpsCluster start(Path repo, Path workDir, Consumer<String> progress) {
    var unsupported = ProcessKubelet.unsupportedReason();
    if (unsupported.isPresent()) {
      throw new IllegalStateException("the local cluster cannot run here: " + unsupported.get());
    }
    var cluster = new ModelOpsCluster(repo, workDir, progress);
    try {
      cluster.startAll();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll() {
    var images = ProjectImages.catalog(repo);
    progress.accept("starting etcd, kube-apiserver, kube-controller-manager, kube-scheduler");
    plane = LocalControlPlane.start(ControlPlaneBinaries.load(), workDir, false);
    client = plane.client();
    progress.accept("starting the process kubelet (nodes node-a, node-b, gpu-node-0)");
    kubelet =
        ProcessKubelet.start(
            client,
            new ProcessKubelet.Config(
                List.of(
                    NodeSpec.cpu("node-a", "4", "16Gi"),
                    NodeSpec.cpu("node-b", "4", "16Gi"),
                    NodeSpec.gpu("gpu-node-0", "4", "16Gi", 1, "NVIDIA-H200")),
                images,
                workDir));
    progress.accept(kubelet.networkSummary());
    progress.accept("installing the Gateway API CRDs and starting the Service proxy");
    plane.installGatewayApi();
    proxy = ServiceProxy.start(client);
    progress.accept("helm install " + RELEASE + " helm/modelops-operator -n " + OPERATOR_NAMESPACE);
    List<String> install =
        new ArrayList<>(
            List.of(
                "upgrade",
                "--install",
                RELEASE,
                repo.resolve("helm/modelops-operator").toString(),
                "--namespace",
                OPERATOR_NAMESPACE,
                "--create-namespace",
                "--set",
                "replicaCount=1",
                "--wait",
                "--timeout",
                "5m"));
    if (kubelet.networkMode() == NetworkMode.SHARED_ADDRESS) {
      // Pods share one address: the operator finds a runtime's real port in the kubelet's map.
      install.addAll(List.of("--set", "podPortAnnotation=" + PodPorts.ANNOTATION));
      progress.accept("shared address: the operator reaches pods through " + PodPorts.ANNOTATION);
    }
    helm(install.toArray(String[]::new)).orFail();
    progress.accept("operator pod Ready: " + operatorPod().getMetadata().getName());
  }

  /** Runs the built {@code helm} against this cluster. */
  public ToolResult helm(String... args) {
    return plane.run("helm", args);
  }

  /** Runs the built {@code kubectl} against this cluster. */
  public ToolResult kubectl(String... args) {
    return plane.run("kubectl", args);
  }

  /** The Ready operator pod (waits up to 3 minutes for one). */
  public Pod operatorPod() {
    return client
        .pods()
        .inNamespace(OPERATOR_NAMESPACE)
        .withLabel("app.kubernetes.io/name", "modelops-operator")
        .informOnCondition(pods -> pods.stream().anyMatch(ModelOpsCluster::isReady))
        .thenApply(pods -> pods.stream().filter(ModelOpsCluster::isReady).findFirst().orElseThrow())
        .orTimeout(3, TimeUnit.MINUTES)
        .join();
  }

  static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** An admin client (owned by the cluster: do not close it). */
  public KubernetesClient client() {
    return client;
  }

  public LocalControlPlane plane() {
    return plane;
  }

  public ProcessKubelet kubelet() {
    return kubelet;
  }

  public ServiceProxy proxy() {
    return proxy;
  }

  /** The admin kubeconfig for kubectl. */
  public Path kubeconfig() {
    return plane.kubeconfig();
  }

  /** How long a started cluster took, for the record. */
  public static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Stops the proxy, every pod process, the kubelet's networks and the control plane. */
  @Override
  public void close() {
    List<Runnable> steps = new ArrayList<>();
    steps.add(
        () -> {
          if (proxy != null) {
            proxy.close();
          }
        });
    steps.add(
        () -> {
          if (kubelet != null) {
            kubelet.close();
          }
        });
    steps.add(
        () -> {
          if (plane != null) {
            plane.close();
          }
        });
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        System.err.println("stopping the local cluster: " + e);
      }
    }
  }
}
