package io.modelops.localcluster;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on loopback: etcd and kube-apiserver (started by
 * io.fabric8:kube-api-test in offline mode, RBAC on, a client certificate in {@code
 * system:masters}), plus kube-controller-manager (all controllers) and kube-scheduler, and one
 * {@link NodeStandIn} node that runs no containers but marks bound pods Ready. The binaries are the
 * ones {@code local-cluster/build.sh} built from Go modules.
 *
 * <p>{@link #shared()} gives one instance per JVM, stopped by a shutdown hook; tests take a
 * namespace each.
 */
public final class LocalControlPlane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);
  private static LocalControlPlane shared;

  private final ControlPlaneBinaries binaries;
  private final Path workDir;
  private final KubeAPIServer apiServer;
  private final List<ComponentProcess> components = new ArrayList<>();
  private Path kubeconfig;
  private KubernetesClient admin;
  private NodeStandIn node;
  private boolean closed;

  private final boolean standInNode;

  private LocalControlPlane(ControlPlaneBinaries binaries, Path workDir, boolean standInNode) {
    this.binaries = binaries;
    this.workDir = workDir;
    this.standInNode = standInNode;
    this.apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries.root().toString())
                .withApiServerVersion(binaries.kubeVersion())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                // As on hardened clusters: blockOwnerDeletion needs update on the owner's
                // finalizers.
                // GPU node pools are tainted; pods asking for an extended resource such as
                // nvidia.com/gpu get the matching toleration from ExtendedResourceToleration.
                .withApiServerFlag(
                    "--enable-admission-plugins",
                    "OwnerReferencesPermissionEnforcement,ExtendedResourceToleration")
                // Node names do not resolve here: reach kubelets (kubectl logs) at their IP.
                .withApiServerFlag("--kubelet-preferred-address-types", "InternalIP,Hostname")
                .build());
  }

  /** The control plane shared by every test of this JVM (started on first use). */
  public static synchronized LocalControlPlane shared() {
    if (shared == null) {
      Path dir =
          Path.of(System.getProperty("modelops.localCluster.workDir", "target/local-cluster"));
      shared = start(ControlPlaneBinaries.load(), dir);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-control-plane-stop"));
    }
    return shared;
  }

  /**
   * Starts a new control plane whose logs and kubeconfig go under {@code workDir}, with a {@link
   * NodeStandIn} node.
   */
  public static LocalControlPlane start(ControlPlaneBinaries binaries, Path workDir) {
    return start(binaries, workDir, true);
  }

  /**
   * Starts a new control plane whose logs and kubeconfig go under {@code workDir}; with a {@link
   * NodeStandIn} node when {@code standInNode}, else with no node at all (a process kubelet then
   * brings its own).
   */
  public static LocalControlPlane start(
      ControlPlaneBinaries binaries, Path workDir, boolean standInNode) {
    var plane = new LocalControlPlane(binaries, workDir.toAbsolutePath(), standInNode);
    try {
      plane.startAll();
      return plane;
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  private void startAll() {
    long start = System.nanoTime();
    try {
      Files.createDirectories(workDir);
      apiServer.start();
      kubeconfig = workDir.resolve("kubeconfig");
      Files.writeString(kubeconfig, apiServer.getKubeConfigYaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin = client();
    widenServiceRange();
    Path certs = binaries.root();
    components.add(
        ComponentProcess.start(
            "kube-controller-manager",
            binaries.binary("kube-controller-manager"),
            List.of(
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig,
                "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1",
                "--secure-port=" + FreePorts.next(),
                "--leader-elect=false",
                "--controllers=*",
                "--service-account-private-key-file=" + certs.resolve("apiserver.key"),
                "--root-ca-file=" + certs.resolve("apiserver.crt"),
                // Pods of a deleted node go quickly; the stand-in renews its Lease every 10 s.
                "--node-monitor-grace-period=40s",
                // The default client rate limit (20 QPS) paces bulk work to about one
                // ModelDeployment a second (measured at N=1,000): raise it, as large clusters do.
                "--kube-api-qps=300",
                "--kube-api-burst=600",
                "--concurrent-deployment-syncs=10",
                "--concurrent-replicaset-syncs=10"),
            workDir));
    components.add(
        ComponentProcess.start(
            "kube-scheduler",
            binaries.binary("kube-scheduler"),
            List.of(
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig,
                "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1",
                "--secure-port=" + FreePorts.next(),
                "--kube-api-qps=300",
                "--kube-api-burst=600",
                "--leader-elect=false"),
            workDir));
    components.forEach(c -> c.awaitServing(Duration.ofSeconds(60)));
    if (standInNode) {
      node = NodeStandIn.start(admin, "modelops-node-0");
    }
    LOG.info(
        "local control plane v{} up in {} ms (kubeconfig {})",
        binaries.kubeVersion(),
        (System.nanoTime() - start) / 1_000_000,
        kubeconfig);
  }

  /**
   * kube-api-test fixes {@code --service-cluster-ip-range} at 10.0.0.0/24 (about 250 Services, too
   * few for the 1,000-ModelDeployment benchmark) and its flag comes after ours. A ServiceCIDR
   * object (networking.k8s.io/v1, GA since Kubernetes 1.33) adds a /16 the allocator also uses.
   */
  private void widenServiceRange() {
    var cidr = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
    cidr.setApiVersion("networking.k8s.io/v1");
    cidr.setKind("ServiceCIDR");
    cidr.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("modelops-wide").build());
    cidr.setAdditionalProperty("spec", java.util.Map.of("cidrs", List.of("10.96.0.0/16")));
    admin.resource(cidr).create();
  }

  /**
   * Installs (server-side applies) the CustomResourceDefinition in {@code crdYaml} and waits until
   * the API server reports it {@code Established} and serves its resource type.
   */
  public void installCrd(Path crdYaml) {
    installCrds(List.of(crdYaml));
  }

  /**
   * Installs (server-side applies) every CustomResourceDefinition in {@code crdYamls}, one per
   * file, then waits until each is {@code Established}: applying all first lets the API server
   * establish them together. Each apply may take up to 2 minutes: a CRD of a megabyte (Chaos Mesh's
   * Workflow and Schedule embed every chaos schema) took over the client's default 10 s on a loaded
   * two-core machine.
   */
  public void installCrds(List<Path> crdYamls) {
    var names = new ArrayList<String>();
    var patient =
        new io.fabric8.kubernetes.client.ConfigBuilder(config()).withRequestTimeout(120_000);
    try (var client = new KubernetesClientBuilder().withConfig(patient.build()).build()) {
      for (Path crdYaml : crdYamls) {
        var crd =
            client
                .getKubernetesSerialization()
                .unmarshal(
                    Files.readString(crdYaml),
                    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition
                        .class);
        client.resource(crd).forceConflicts().serverSideApply();
        names.add(crd.getMetadata().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String name : names) {
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              60,
              java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * Installs the Gateway API standard-channel CRDs (GatewayClass, Gateway, HTTPRoute, ...) of the
   * release {@code build.sh} pinned, each waited for until Established. Idempotent.
   */
  public void installGatewayApi() {
    installCrds(binaries.gatewayApiCrds());
  }

  /** A new admin client (client certificate in {@code system:masters}); close it when done. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** The admin client configuration (copy it to impersonate a service account). */
  public Config config() {
    return Config.fromKubeconfig(apiServer.getKubeConfigYaml());
  }

  /** The admin kubeconfig file, for kubectl and helm. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The binaries this control plane runs. */
  public ControlPlaneBinaries binaries() {
    return binaries;
  }

  /**
   * Runs one of the built command-line tools ({@code kubectl}, {@code helm}) against this control
   * plane (its admin kubeconfig) and returns its exit code and output.
   */
  public ToolResult run(String tool, String... args) {
    return ToolResult.run(binaries.binary(tool), kubeconfig, List.of(args));
  }

  /** The node that marks pods Ready (null when started without it). */
  public NodeStandIn node() {
    return node;
  }

  /** Stops the node stand-in, the controllers, the scheduler, kube-apiserver and etcd. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (node != null) {
      node.close();
    }
    if (admin != null) {
      admin.close();
    }
    components.forEach(ComponentProcess::stop);
    apiServer.stop();
  }
}
