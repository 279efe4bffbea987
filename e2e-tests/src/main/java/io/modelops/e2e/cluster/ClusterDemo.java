package io.modelops.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local demo (README's first command) on the real local cluster: starts the control plane, the
 * process kubelet and the proxy, installs the operator with Helm, applies the examples with
 * kubectl, waits for them, shows {@code kubectl} output and one real V2 inference through the
 * Service, and stays up (Ctrl-C stops every process it started).
 */
public final class ClusterDemo implements AutoCloseable {

  private static final String NAMESPACE = "default";
  private static final String DRILL_EXAMPLE = "examples/drills/pod-kill-now.yaml";
  private static final String DRILL = "ctr-ranker-pod-kill";

  private final Path repo;
  private final Path dir;
  private final List<String> examples;
  private final Duration readyTimeout;
  private final PrintStream out;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ModelOpsCluster cluster;

  ClusterDemo(Path repo, Path dir, List<String> examples, Duration readyTimeout, PrintStream out) {
    this.repo = repo;
    this.dir = dir;
    this.examples = examples;
    this.readyTimeout = readyTimeout;
    this.out = out;
  }

  public static void main(String[] args) {
    Path repo = Path.of(System.getProperty("demo.repo", ".")).toAbsolutePath().normalize();
    Path dir = repo.resolve(System.getProperty("demo.dir", ".demo"));
    List<String> examples =
        List.of(
            System.getProperty(
                    "demo.examples", "examples/ctr-ranker.yaml,examples/ctr-ranker-pvc.yaml")
                .split(","));
    long exitAfter = Long.parseLong(System.getProperty("demo.exitAfter", "0"));
    var demo =
        new ClusterDemo(
            repo,
            dir,
            examples,
            Duration.ofSeconds(Long.parseLong(System.getProperty("demo.readyTimeout", "240"))),
            System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
    int code;
    try {
      code = demo.run();
    } catch (Exception e) {
      System.err.println("demo failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
      return;
    }
    try {
      if (exitAfter == 0) {
        System.out.println("The demo is running. Press Ctrl-C to stop it (every process goes).");
        new CountDownLatch(1).await();
      } else {
        System.out.println("Stopping in " + exitAfter + " s (demo.exitAfter).");
        Thread.sleep(exitAfter * 1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(code);
  }

  int run() throws IOException, InterruptedException {
    out.println("== ModelOps local demo: a real Kubernetes control plane, pods as processes ==");
    Files.createDirectories(dir);
    long start = System.nanoTime();
    cluster =
        ModelOpsCluster.start(
            repo, dir.resolve("cluster"), line -> out.println("[cluster] " + line));
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.copy(cluster.kubeconfig(), kubeconfig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    out.printf("[cluster] up in %d s%n", ModelOpsCluster.since(start).toSeconds());
    for (String example : examples) {
      out.println("$ kubectl apply -f " + example);
      out.print(cluster.kubectl("apply", "-f", repo.resolve(example).toString()).output());
    }
    boolean ready = waitForSettled();
    show("get", "md", "-o", "wide");
    show("get", "deploy,svc,pods", "-o", "wide");
    boolean answered = infer("ctr-ranker");
    boolean drilled = ready && drill();
    out.println();
    out.println("kubectl works against it (it is a real kube-apiserver):");
    out.println("  export KUBECONFIG=" + kubeconfig);
    out.println("  kubectl get md -w            # MODEL STABLE CANARY WEIGHT READY PHASE AGE");
    out.println("  kubectl describe md ctr-ranker");
    out.println(
        "  kubectl logs -n "
            + ModelOpsCluster.OPERATOR_NAMESPACE
            + " deploy/modelops-modelops-operator");
    out.println("  kubectl explain md.spec.release");
    out.println("  kubectl get drillrun " + DRILL + " -o yaml   # the drill's evidence");
    out.println("Pod logs and files: " + dir.resolve("cluster/pods"));
    out.println("Pods ran in " + cluster.kubelet().networkSummary() + ".");
    return ready && answered && drilled ? 0 : 1;
  }

  /**
   * Runs one disaster-recovery drill (a pod of ctr-ranker killed while probed) and shows its
   * verdict and RTO; true once a verdict is recorded, whichever it is.
   */
  private boolean drill() throws InterruptedException {
    out.println("$ kubectl apply -f " + DRILL_EXAMPLE);
    out.print(cluster.kubectl("apply", "-f", repo.resolve(DRILL_EXAMPLE).toString()).output());
    var runs = cluster.client().resources(DrillRun.class).inNamespace(NAMESPACE);
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      DrillRun run = runs.withName(DRILL).get();
      if (run != null && run.getStatus() != null && run.getStatus().getVerdict() != null) {
        show("get", "drillrun", DRILL, "-o", "wide");
        show("get", "md", "ctr-ranker", "-o", "wide");
        out.printf(
            "drill %s: verdict %s, RTO %s (%s)%n",
            DRILL,
            run.getStatus().getVerdict(),
            run.getStatus().getRto(),
            run.getStatus().getMessage());
        return true;
      }
      Thread.sleep(500);
    }
    out.println("The drill recorded no verdict within " + readyTimeout.toSeconds() + " s");
    return false;
  }

  private boolean waitForSettled() throws InterruptedException {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    var mds = cluster.client().resources(ModelDeployment.class).inNamespace(NAMESPACE);
    while (System.nanoTime() < deadline) {
      var items = mds.list().getItems();
      if (!items.isEmpty()
          && items.stream().allMatch(md -> has(md, "Ready") || has(md, "Degraded"))) {
        items.forEach(
            md ->
                out.printf(
                    "modeldeployment/%s: %s%n",
                    md.getMetadata().getName(),
                    has(md, "Ready") ? "Ready" : "Degraded (as the operator reports)"));
        return items.stream().anyMatch(md -> has(md, "Ready"));
      }
      Thread.sleep(500);
    }
    out.println("Not every ModelDeployment settled within " + readyTimeout.toSeconds() + " s");
    return false;
  }

  private static boolean has(ModelDeployment md, String type) {
    return md.getStatus() != null
        && md.getStatus().getConditions() != null
        && md.getMetadata().getGeneration().equals(md.getStatus().getObservedGeneration())
        && md.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void show(String... args) {
    out.println("$ kubectl " + String.join(" ", args));
    out.print(cluster.kubectl(args).output());
  }

  private boolean infer(String service) {
    var address = cluster.proxy().address(NAMESPACE, service, null);
    if (address.isEmpty()) {
      out.println("Service " + service + " has no local address");
      return false;
    }
    URI base = URI.create("http://127.0.0.1:" + address.get().getPort());
    out.println(
        "Service "
            + service
            + " is reachable at "
            + base
            + " (annotation modelops.io/local-address)");
    try {
      var client = new V2Client(base);
      JsonNode metadata = client.metadata("ctr-ranker");
      JsonNode response = client.infer("ctr-ranker", client.requestFor(metadata, 2));
      out.println("V2 inference through the Service: " + response.path("outputs"));
      return true;
    } catch (IOException | RuntimeException e) {
      out.println("V2 inference failed: " + e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && cluster != null) {
      cluster.close();
      out.println(
          "Demo stopped: every pod process, the kubelet's networks and the control plane are gone.");
    }
  }
}
