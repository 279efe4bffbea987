package io.modelops.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelops.localcluster.ControlPlaneBinaries;
import io.modelops.localcluster.kubelet.NetworkMode;
import io.modelops.localcluster.kubelet.ProcessKubelet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command, run as a user would: the demo's main in its own JVM brings up the local
 * cluster, installs the chart, applies the examples and answers a V2 request through the Service;
 * while it is up, the real kubectl works against it ({@code get}, {@code get -w}, {@code explain},
 * {@code describe}, {@code apply --server-side}, {@code logs}); when it stops, none of the
 * processes it started is left.
 */
class ClusterDemoE2E {

  static final Path REPO = LocalClusterE2E.REPO;

  @TempDir Path tmp;

  @Test
  void demoComesUpKubectlWorksAndNothingIsLeftAfterIt() throws Exception {
    var unsupported = ProcessKubelet.unsupportedReason();
    assumeTrue(unsupported.isEmpty(), () -> "the local cluster cannot run here: " + unsupported);
    assumeTrue(
        NetworkMode.current() == NetworkMode.NAMESPACES,
        "the scenarios assume pods in network namespaces (root): in shared-address mode the"
            + " operator's metric reads and drill faults cannot reach a pod (docs/local-cluster.md)");
    Path dir = tmp.resolve("demo");
    Process demo =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Ddemo.repo=" + REPO,
                "-Ddemo.dir=" + dir,
                "-Ddemo.exitAfter=30",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterDemo.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (var lines =
                  new BufferedReader(
                      new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                lines
                    .lines()
                    .forEach(
                        l -> {
                          System.out.println("demo> " + l);
                          output.add(l);
                        });
              } catch (IOException e) {
                // the demo ended
              }
            });
    reader.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
      while (output.stream().noneMatch(l -> l.startsWith("Stopping in"))
          && demo.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertTrue(
          output.stream().anyMatch(l -> l.startsWith("Stopping in")), String.join("\n", output));
      assertTrue(
          output.stream()
              .anyMatch(
                  l -> l.startsWith("V2 inference through the Service: [{\"name\":\"score\"")),
          String.join("\n", output));
      assertTrue(
          output.stream()
              .anyMatch(
                  l -> l.matches("drill ctr-ranker-pod-kill: verdict Passed, RTO [0-9hms.]+ .*")),
          "the demo's drill passed with an RTO:\n" + String.join("\n", output));
      Path kubeconfig = dir.resolve("kubeconfig");

      String md = kubectl(kubeconfig, "get", "md");
      assertTrue(md.contains("ctr-ranker") && md.contains("Healthy"), md);
      String watched = kubectlFor(kubeconfig, 3, "get", "md", "ctr-ranker", "-w");
      assertTrue(watched.contains("ctr-ranker"), watched);
      assertTrue(kubectl(kubeconfig, "explain", "md.spec.release").contains("FIELDS"));
      assertTrue(kubectl(kubeconfig, "describe", "md", "ctr-ranker").contains("Events:"));
      String ssa =
          kubectl(
              kubeconfig,
              "apply",
              "--server-side",
              "-f",
              REPO.resolve("examples/ctr-ranker.yaml").toString());
      assertTrue(ssa.contains("serverside-applied"), ssa);
      String logs =
          kubectl(
              kubeconfig,
              "logs",
              "-n",
              ModelOpsCluster.OPERATOR_NAMESPACE,
              "deploy/modelops-modelops-operator",
              "--tail=20");
      assertFalse(logs.isBlank(), "operator logs through kubectl logs");
      List<Long> pids = new ArrayList<>();
      for (String id :
          kubectl(
                  kubeconfig,
                  "get",
                  "pods",
                  "-A",
                  "-o",
                  "jsonpath={.items[*].status.containerStatuses[*].containerID}")
              .split(" ")) {
        if (id.startsWith("process://")) {
          pids.add(Long.parseLong(id.substring("process://".length())));
        }
      }
      assertTrue(pids.size() >= 3, "operator and two runtime pods run as processes: " + pids);

      assertTrue(demo.waitFor(3, TimeUnit.MINUTES), "the demo stops by itself (demo.exitAfter)");
      reader.join(5000);
      for (long pid : pids) {
        assertFalse(
            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            "pod process " + pid + " left behind");
      }
      String dirText = dir.toString();
      var leftovers =
          ProcessHandle.allProcesses()
              .filter(p -> p.info().commandLine().map(c -> c.contains(dirText)).orElse(false))
              .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
              .toList();
      assertEquals(List.of(), leftovers, "processes of the demo left behind");
    } finally {
      demo.destroy();
      demo.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static String kubectl(Path kubeconfig, String... args) throws Exception {
    return kubectlFor(kubeconfig, 60, args);
  }

  /** Runs kubectl for at most {@code seconds} (then stops it, as Ctrl-C on {@code -w}). */
  private static String kubectlFor(Path kubeconfig, int seconds, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ControlPlaneBinaries.load().binary("kubectl").toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(Arrays.asList(args));
    Path out = Files.createTempFile("kubectl", ".out");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    return Files.readString(out);
  }
}
