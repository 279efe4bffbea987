package io.modelops.e2e.demo;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The local demo (README's first command): an embedded Kubernetes API server, the operator, the
 * fake kube-controller-manager and real inference-runtime processes standing in for pods. It
 * applies the examples, shows what the operator made of them, sends one real V2 inference request,
 * writes a kubeconfig for {@code kubectl}, and stays up until Ctrl-C (or {@code
 * -Ddemo.exitAfter=<seconds>}). See {@link DemoOptions} for the settings.
 */
public final class LocalDemo implements AutoCloseable {

  private final DemoOptions options;
  private final PrintStream out;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LocalCluster cluster;

  public LocalDemo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    DemoOptions options;
    try {
      options = DemoOptions.fromSystemProperties();
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalDemo demo = new LocalDemo(options, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
    int code;
    try {
      code = demo.run();
    } catch (IllegalStateException e) {
      System.err.println("demo failed: " + e.getMessage());
      System.exit(1);
      return;
    } catch (Exception e) {
      System.err.println("demo failed: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    try {
      if (options.exitAfter().isZero()) {
        System.out.println("The demo is running. Press Ctrl-C to stop it.");
        new CountDownLatch(1).await();
      } else {
        System.out.println(
            "Stopping in " + options.exitAfter().toSeconds() + " s (demo.exitAfter).");
        Thread.sleep(options.exitAfter().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(code);
  }

  /**
   * Starts everything and prints the report.
   *
   * @return 0 when every example settled (Ready, or Degraded as the operator reported), one was
   *     Ready and the inference request was answered; else 1
   */
  public int run() throws IOException, InterruptedException {
    out.println("== ModelOps local demo ==");
    cleanWorkDir();
    PodRuntime runtime =
        options.realProcesses()
            ? new ProcessPodRuntime(
                new ProcessPodRuntime.Settings(
                    options.runtimeJar(),
                    Map.of("/models", options.models()),
                    options.dir(),
                    List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")))
            : new FakePodRuntime();
    cluster = LocalCluster.start(options.port(), options.crds(), runtime);
    cluster.apiServer().writeKubeconfig(options.kubeconfig());
    out.printf(
        "[1/5] Kubernetes API server (embedded, fabric8 mock in CRUD mode) at %s;"
            + " CRD modeldeployments.modelops.io installed%n",
        cluster.apiServer().url());
    out.printf(
        "[2/5] operator running (java-operator-sdk, leader election off) with a fake"
            + " kube-controller-manager; pods run as %s%n",
        options.realProcesses()
            ? "real inference-runtime processes (logs in " + options.dir().resolve("logs") + ")"
            : "placeholders that are ready at once");

    List<ModelDeployment> applied = new ArrayList<>();
    for (Path example : options.examples()) {
      for (HasMetadata item : cluster.apply(example, options.namespace())) {
        out.printf(
            "[3/5] applied %s: %s/%s%n",
            options.repo().relativize(example),
            item.getKind().toLowerCase(),
            item.getMetadata().getName());
        if ("ModelDeployment".equals(item.getKind())) {
          applied.add(
              cluster
                  .client()
                  .resources(ModelDeployment.class)
                  .inNamespace(options.namespace())
                  .withName(item.getMetadata().getName())
                  .get());
        }
      }
    }
    boolean settled = waitForSettled(applied);
    DemoReport report = new DemoReport(cluster, options.namespace(), out);
    report.printObjects();
    report.printProcesses();
    applied.forEach(md -> report.printStatus(md.getMetadata().getName()));
    boolean answered = report.printInference(applied);
    report.printKubectlUsage(options.kubeconfig(), options.repo());
    return settled && answered ? 0 : 1;
  }

  /**
   * Waits until each ModelDeployment is settled for its current generation: {@code Ready=True}, or
   * {@code Degraded=True} (a problem the operator reported, such as a missing claim).
   *
   * @return false when one did not settle in time or none became Ready
   */
  private boolean waitForSettled(List<ModelDeployment> applied) throws InterruptedException {
    long deadline = System.nanoTime() + options.readyTimeout().toNanos();
    boolean settled = true;
    boolean anyReady = false;
    for (ModelDeployment md : applied) {
      long start = System.nanoTime();
      ModelDeployment current = null;
      while (System.nanoTime() < deadline) {
        current =
            cluster
                .client()
                .resources(ModelDeployment.class)
                .inNamespace(options.namespace())
                .withName(md.getMetadata().getName())
                .get();
        if (hasCondition(current, "Ready") || hasCondition(current, "Degraded")) {
          break;
        }
        Thread.sleep(200);
      }
      String name = md.getMetadata().getName();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (hasCondition(current, "Ready")) {
        anyReady = true;
        out.printf("[4/5] modeldeployment/%s is Ready after %.1f s%n", name, seconds);
      } else if (hasCondition(current, "Degraded")) {
        out.printf(
            "[4/5] modeldeployment/%s is Degraded after %.1f s, as the operator reports: %s%n",
            name, seconds, describeConditions(current));
      } else {
        settled = false;
        out.printf(
            "[4/5] modeldeployment/%s is NOT Ready after %d s: %s%n",
            name, options.readyTimeout().toSeconds(), describeConditions(current));
      }
    }
    return settled && anyReady;
  }

  /** {@code type}=True for the current generation. */
  static boolean hasCondition(ModelDeployment md, String type) {
    if (md == null || md.getStatus() == null || md.getStatus().getConditions() == null) {
      return false;
    }
    Long generation = md.getMetadata().getGeneration();
    return (generation == null || generation.equals(md.getStatus().getObservedGeneration()))
        && md.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String describeConditions(ModelDeployment md) {
    if (md == null || md.getStatus() == null || md.getStatus().getConditions() == null) {
      return "no status yet";
    }
    StringBuilder sb = new StringBuilder();
    for (Condition c : md.getStatus().getConditions()) {
      sb.append(c.getType())
          .append('=')
          .append(c.getStatus())
          .append(" (")
          .append(c.getReason())
          .append(": ")
          .append(c.getMessage())
          .append(") ");
    }
    return sb.toString().trim();
  }

  private void cleanWorkDir() throws IOException {
    for (String sub : List.of("logs", "pods")) {
      Path p = options.dir().resolve(sub);
      if (Files.exists(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(f);
          }
        }
      }
    }
    Files.createDirectories(options.dir());
  }

  public LocalCluster cluster() {
    return cluster;
  }

  /** Stops the operator, the runtime processes and the API server (safe to call twice). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && cluster != null) {
      cluster.close();
      out.println("Demo stopped: runtime processes ended, API server closed.");
    }
  }
}
