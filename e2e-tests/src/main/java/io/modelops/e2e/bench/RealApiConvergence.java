package io.modelops.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.localcluster.ControlPlaneBinaries;
import io.modelops.localcluster.LocalControlPlane;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The convergence benchmark on the real control plane built from Go modules (kube-apiserver,
 * kube-controller-manager, kube-scheduler, the stand-in node): N ModelDeployments of two replicas,
 * the operator in its own JVM with server-side apply as in production. Measures time to all Ready,
 * the operator's requests per reconcile (counted client-side), its write requests per steady-state
 * resync, Events per ModelDeployment, heap and CPU.
 *
 * <p>System properties: {@code bench.n} (default {@code 100,1000}), {@code bench.operatorXmx}
 * (default {@code 256m}), {@code bench.resyncSeconds} (the operator's resync interval, default 30),
 * {@code bench.out} (markdown, default {@code target/convergence-bench-real.md}).
 */
public final class RealApiConvergence {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private final PrintStream log = System.out;
  private final Path repo;
  private final String operatorXmx;
  private final long resyncSeconds;

  RealApiConvergence(Path repo, String operatorXmx, long resyncSeconds) {
    this.repo = repo;
    this.operatorXmx = operatorXmx;
    this.resyncSeconds = resyncSeconds;
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(System.getProperty("bench.repo", "..")).toAbsolutePath().normalize();
    var bench =
        new RealApiConvergence(
            repo,
            System.getProperty("bench.operatorXmx", "256m"),
            Long.getLong("bench.resyncSeconds", 30));
    StringBuilder md = new StringBuilder(header());
    for (String n : System.getProperty("bench.n", "100,1000").split(",")) {
      md.append(bench.run(Integer.parseInt(n.trim()))).append('\n');
    }
    Path out = Path.of(System.getProperty("bench.out", "target/convergence-bench-real.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
    System.out.println("results written to " + out.toAbsolutePath());
    System.exit(0);
  }

  static String header() {
    return "| N | Ready | all Ready (s) | reconciles | operator requests | requests/reconcile"
        + " | writes in one steady-state resync (per MD) | Events per MD | heap peak (MiB)"
        + " | operator CPU (s) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|\n";
  }

  String run(int n) throws Exception {
    Path dir = Path.of("target", "bench-real-" + n);
    log.printf("== N=%d on the real control plane (operator -Xmx%s)%n", n, operatorXmx);
    try (LocalControlPlane plane = LocalControlPlane.start(ControlPlaneBinaries.load(), dir);
        KubernetesClient user = plane.client()) {
      plane.installCrd(repo.resolve("crds/modeldeployments.modelops.io-v1.yml"));
      user.resource(
              new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build())
          .create();
      Process operator = fork(plane.kubeconfig(), dir);
      try {
        var out =
            new BufferedReader(
                new InputStreamReader(operator.getInputStream(), StandardCharsets.UTF_8));
        awaitLine(out, "OPERATOR-STARTED", 120);
        JsonNode baseline = report(operator, out, "baseline");
        long t0 = System.nanoTime();
        BenchModels.createAll(user, n, i -> "bench");
        int ready = awaitReady(user, n, t0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode converged = report(operator, out, "report");
        // One steady-state resync of every ModelDeployment, after the rollout's last writes.
        Thread.sleep(TimeUnit.SECONDS.toMillis(resyncSeconds + 5));
        JsonNode steady = report(operator, out, "report");
        long reconciles =
            converged.path("reconciles").asLong() - baseline.path("reconciles").asLong();
        long requests = total(converged, baseline, false);
        long resyncReconciles =
            steady.path("reconciles").asLong() - converged.path("reconciles").asLong();
        long resyncWrites = total(steady, converged, true);
        Map<String, Long> eventReasons =
            user.v1().events().inNamespace("bench").list().getItems().stream()
                .filter(
                    e ->
                        e.getSource() != null
                            && "modelops-operator".equals(e.getSource().getComponent()))
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        e -> e.getReason(), TreeMap::new, java.util.stream.Collectors.counting()));
        long events = eventReasons.values().stream().mapToLong(Long::longValue).sum();
        log.printf("   operator Events by reason: %s%n", eventReasons);
        log.printf(
            "   %d/%d Ready in %.1f s; %d reconciles, %d requests; resync: %d reconciles, %d writes;"
                + " %d Events%n  requests by kind: %s%n  resync requests: %s%n",
            ready,
            n,
            seconds,
            reconciles,
            requests,
            resyncReconciles,
            resyncWrites,
            events,
            diff(converged, baseline),
            diff(steady, converged));
        return String.format(
            Locale.ROOT,
            "| %d | %d | %.1f | %d | %d | %.2f | %d in %d reconciles (%.3f) | %.2f | %.0f | %.1f |",
            n,
            ready,
            seconds,
            reconciles,
            requests,
            reconciles == 0 ? 0.0 : (double) requests / reconciles,
            resyncWrites,
            resyncReconciles,
            (double) resyncWrites / n,
            (double) events / n,
            steady.path("heapPeakSumOfPoolsBytes").asDouble() / (1024 * 1024),
            (steady.path("cpuMillis").asLong() - baseline.path("cpuMillis").asLong()) / 1000.0);
      } finally {
        operator.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
        operator.getOutputStream().flush();
        if (!operator.waitFor(10, TimeUnit.SECONDS)) {
          operator.destroyForcibly().waitFor();
        }
      }
    }
  }

  private Process fork(Path kubeconfig, Path dir) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + operatorXmx);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Dbench.ssa=true");
    cmd.add("-Dbench.resyncSeconds=" + resyncSeconds);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(OperatorMain.class.getName());
    cmd.add(kubeconfig.toString());
    return new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("operator.log").toFile()))
        .start();
  }

  private static JsonNode report(Process operator, BufferedReader out, String command)
      throws Exception {
    operator.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
    operator.getOutputStream().flush();
    return new ObjectMapper().readTree(awaitLine(out, "REPORT ", 60).substring(7));
  }

  private static String awaitLine(BufferedReader in, String prefix, long seconds)
      throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    throw new IOException("operator process did not print " + prefix.trim());
  }

  private static Map<String, Long> diff(JsonNode after, JsonNode before) {
    Map<String, Long> result = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = after.path("requests").fields();
    while (it.hasNext()) {
      var e = it.next();
      long d = e.getValue().asLong() - before.path("requests").path(e.getKey()).asLong();
      if (d != 0) {
        result.put(e.getKey(), d);
      }
    }
    return result;
  }

  private static long total(JsonNode after, JsonNode before, boolean writesOnly) {
    return diff(after, before).entrySet().stream()
        .filter(e -> !writesOnly || WRITES.contains(e.getKey().split(" ")[0]))
        .filter(e -> !e.getKey().contains("leases"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private int awaitReady(KubernetesClient user, int n, long t0) throws InterruptedException {
    long deadline = t0 + TimeUnit.SECONDS.toNanos(Long.getLong("bench.timeoutSeconds", 600));
    long lastLog = System.nanoTime();
    int ready = 0;
    while (System.nanoTime() < deadline) {
      ready =
          (int)
              user.resources(ModelDeployment.class).inNamespace("bench").list().getItems().stream()
                  .filter(BenchModels::isReady)
                  .count();
      if (ready >= n) {
        break;
      }
      if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
        log.printf(
            "   %.0f s: %d/%d Ready (load %.1f)%n",
            (System.nanoTime() - t0) / 1e9,
            ready,
            n,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        lastLog = System.nanoTime();
      }
      Thread.sleep(1000);
    }
    return ready;
  }
}
