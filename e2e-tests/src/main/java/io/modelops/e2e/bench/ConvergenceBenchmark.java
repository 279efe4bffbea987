package io.modelops.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.e2e.apiserver.EmbeddedApiServer;
import io.modelops.e2e.apiserver.RequestCounter;
import io.modelops.e2e.demo.LocalCluster;
import io.modelops.operator.testing.FakeKubeController;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Operator convergence benchmark (not a test): N ModelDeployments against the embedded API server
 * with the fake kube-controller-manager (no processes), the operator in its own JVM with a fixed
 * heap. Measures the time until all are Ready, API requests per reconcile, the operator's heap and
 * CPU, and who keeps the API server busy.
 *
 * <p>System properties: {@code bench.n} (comma-separated sizes, default {@code 100,1000}), {@code
 * bench.operatorXmx} (default {@code 256m}), {@code bench.perNamespace} (ModelDeployments per
 * namespace, default 0 = all in one), {@code bench.timeoutSeconds} (default 300), {@code bench.out}
 * (markdown results, default {@code target/convergence-bench.md}).
 */
public final class ConvergenceBenchmark {

  static final String DRIVER_CLIENT = "bench-driver";

  private final Path crds;
  private final String operatorXmx;
  private final int perNamespace;
  private final long timeoutSeconds;
  private final PrintStream log = System.out;

  ConvergenceBenchmark(Path crds, String operatorXmx, int perNamespace, long timeoutSeconds) {
    this.crds = crds;
    this.operatorXmx = operatorXmx;
    this.perNamespace = perNamespace;
    this.timeoutSeconds = timeoutSeconds;
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(System.getProperty("bench.repo", "..")).toAbsolutePath().normalize();
    List<Integer> sizes =
        Arrays.stream(System.getProperty("bench.n", "100,1000").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    ConvergenceBenchmark bench =
        new ConvergenceBenchmark(
            repo.resolve("crds/modeldeployments.modelops.io-v1.yml"),
            System.getProperty("bench.operatorXmx", "256m"),
            Integer.getInteger("bench.perNamespace", 0),
            Long.getLong("bench.timeoutSeconds", 300));
    List<BenchResult> results = new ArrayList<>();
    for (int n : sizes) {
      BenchResult r = bench.run(n);
      results.add(r);
      System.out.println(r.summary());
    }
    Path out = Path.of(System.getProperty("bench.out", "target/convergence-bench.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(BenchResult.markdown(results, bench.operatorXmx, bench.perNamespace));
    }
    System.out.println(BenchResult.markdown(results, bench.operatorXmx, bench.perNamespace));
    System.out.println("results written to " + out.toAbsolutePath());
    System.exit(results.stream().allMatch(BenchResult::converged) ? 0 : 1);
  }

  BenchResult run(int n) throws Exception {
    log.printf(
        "== N=%d: starting API server, fake controller, operator (-Xmx%s)%n", n, operatorXmx);
    try (EmbeddedApiServer api = EmbeddedApiServer.start(0);
        FakeKubeController fake =
            new FakeKubeController(api.newClient(LocalCluster.CONTROLLER_CLIENT)).start()) {
      api.installCrds(crds);
      Process operator = forkOperator(api.url());
      try {
        BufferedReader opOut =
            new BufferedReader(
                new InputStreamReader(operator.getInputStream(), StandardCharsets.UTF_8));
        awaitLine(opOut, "OPERATOR-STARTED", 120);
        ObjectNode baseline = report(operator, opOut, "baseline");
        long operatorCpuAtStart = baseline.path("cpuMillis").asLong();
        api.requests().reset();
        KubernetesClient user = api.newClient(DRIVER_CLIENT);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ThreadCpu.Snapshot cpuBefore = ThreadCpu.take();
        long t0 = System.nanoTime();
        BenchModels.createAll(user, n, this::namespace);
        long created = System.nanoTime();
        log.printf("   created %d ModelDeployments in %.1f s%n", n, (created - t0) / 1e9);
        int ready = awaitAllReady(user, n, t0);
        long converged = System.nanoTime();
        Map<RequestCounter.Key, RequestCounter.Stats> requests = api.requests().snapshot();
        Map<String, Double> harnessCpu = ThreadCpu.between(cpuBefore, ThreadCpu.take());
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ObjectNode report = report(operator, opOut, "report");
        report.put("cpuMillisAtStart", operatorCpuAtStart);
        report.put("cpuMillis", report.path("cpuMillis").asLong() - operatorCpuAtStart);
        for (String gc : List.of("gcCount", "gcMillis")) {
          report.put(gc, report.path(gc).asLong() - baseline.path(gc).asLong());
        }
        ObjectNode threads = (ObjectNode) report.path("threadCpuSeconds");
        baseline
            .path("threadCpuSeconds")
            .fields()
            .forEachRemaining(
                e ->
                    threads.put(
                        e.getKey(), threads.path(e.getKey()).asDouble() - e.getValue().asDouble()));
        return new BenchResult(
            n,
            ready,
            (created - t0) / 1e9,
            (converged - t0) / 1e9,
            requests,
            report,
            harnessCpu,
            new double[] {loadBefore, loadAfter});
      } finally {
        try {
          operator.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
          operator.getOutputStream().flush();
        } catch (IOException ignored) {
          // already gone
        }
        if (!operator.waitFor(10, TimeUnit.SECONDS)) {
          operator.destroyForcibly().waitFor();
        }
      }
    }
  }

  private static ObjectNode report(Process operator, BufferedReader opOut, String command)
      throws IOException, TimeoutException {
    operator.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
    operator.getOutputStream().flush();
    return (ObjectNode) new ObjectMapper().readTree(awaitLine(opOut, "REPORT ", 60).substring(7));
  }

  private Process forkOperator(String url) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + operatorXmx);
    cmd.add("-XX:+UseSerialGC");
    String extra = System.getProperty("bench.operatorJvmArgs", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(Arrays.asList(extra.split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(OperatorMain.class.getName());
    cmd.add(url);
    return new ProcessBuilder(cmd)
        .redirectError(
            ProcessBuilder.Redirect.appendTo(Path.of("target/bench-operator.log").toFile()))
        .start();
  }

  private static String awaitLine(BufferedReader in, String prefix, long seconds)
      throws IOException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    throw new TimeoutException("operator process did not print " + prefix.trim());
  }

  private String namespace(int i) {
    return perNamespace <= 0 ? "bench" : "bench-" + (i / perNamespace);
  }

  /** Follows readiness with a watch (an informer), so that polling adds no load. */
  private int awaitAllReady(KubernetesClient user, int n, long t0) throws InterruptedException {
    Map<String, Boolean> ready = new ConcurrentHashMap<>();
    ResourceEventHandler<ModelDeployment> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(ModelDeployment md) {
            ready.put(key(md), BenchModels.isReady(md));
          }

          @Override
          public void onUpdate(ModelDeployment before, ModelDeployment md) {
            ready.put(key(md), BenchModels.isReady(md));
          }

          @Override
          public void onDelete(ModelDeployment md, boolean unknownFinalState) {
            ready.remove(key(md));
          }
        };
    long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long lastLog = System.nanoTime();
    int count = 0;
    try (SharedIndexInformer<ModelDeployment> informer =
        user.resources(ModelDeployment.class).inAnyNamespace().inform(handler)) {
      while (System.nanoTime() < deadline) {
        count = (int) ready.values().stream().filter(Boolean::booleanValue).count();
        if (count >= n) {
          break;
        }
        if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(5)) {
          log.printf("   %.0f s: %d/%d Ready%n", (System.nanoTime() - t0) / 1e9, count, n);
          lastLog = System.nanoTime();
        }
        Thread.sleep(100);
      }
    }
    return count;
  }

  private static String key(ModelDeployment md) {
    return md.getMetadata().getNamespace() + "/" + md.getMetadata().getName();
  }
}
