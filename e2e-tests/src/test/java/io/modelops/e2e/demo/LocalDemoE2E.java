package io.modelops.e2e.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the local demo's main in its own JVM, as README's first command does (but on a free port,
 * with {@code demo.exitAfter}): real inference-runtime processes stand in for the pods, the demo
 * prints a real V2 answer, kubectl works against it while it is up, and every process it started is
 * gone after it exits.
 */
class LocalDemoE2E {

  static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath();
  static final Pattern SCORES =
      Pattern.compile("output score\\s+FP32 \\[3,1] = \\[([0-9.eE-]+),([0-9.eE-]+),([0-9.eE-]+)]");
  static final Pattern PID = Pattern.compile("^pod \\S+: pid (\\d+),");

  @TempDir Path tmp;

  @Test
  void demoServesARealInferenceAndKubectlWorksAgainstIt() throws Exception {
    Path runtimeJar = REPO.resolve("inference-runtime/target/inference-runtime.jar");
    assertTrue(
        Files.isRegularFile(runtimeJar),
        runtimeJar + " is missing: the reactor builds it before e2e-tests (mvn verify)");
    Kubectl.locate();
    Path dir = tmp.resolve("demo");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-Ddemo.port=0",
            "-Ddemo.exitAfter=15",
            "-Ddemo.repo=" + REPO,
            "-Ddemo.dir=" + dir,
            "-cp",
            System.getProperty("java.class.path"),
            LocalDemo.class.getName());
    Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!demo.waitFor(240, TimeUnit.SECONDS)) {
                  demo.destroy(); // SIGTERM: the demo's shutdown hook stops its runtimes
                  if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                    demo.destroyForcibly();
                  }
                }
              } catch (InterruptedException e) {
                demo.destroyForcibly();
              }
            },
            "demo-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    List<String> lines = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    Kubectl.Result getMd = null;
    Kubectl.Result getPods = null;
    Kubectl.Result reapply = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        Matcher pid = PID.matcher(line);
        if (pid.find()) {
          pids.add(Long.valueOf(pid.group(1)));
        }
        if (line.startsWith("Stopping in ") && getMd == null) {
          // the demo is up and waiting: use kubectl against it now
          Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig"), tmp.resolve("kube-cache"));
          getMd = kubectl.run("get", "md");
          getPods = kubectl.run("get", "pods");
          reapply = kubectl.run("apply", "-f", REPO.resolve("examples/ctr-ranker.yaml").toString());
        }
      }
    } finally {
      if (!demo.waitFor(120, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
        fail("demo did not exit after demo.exitAfter:\n" + String.join("\n", lines));
      }
    }
    String output = String.join("\n", lines);
    assertEquals(0, demo.exitValue(), output);
    assertTrue(output.contains("modeldeployment/ctr-ranker is Ready"), output);

    Matcher scores = SCORES.matcher(output);
    assertTrue(scores.find(), "a V2 answer with 3 scores was printed:\n" + output);
    for (int i = 1; i <= 3; i++) {
      double s = Double.parseDouble(scores.group(i));
      assertTrue(s > 0 && s < 1, "a sigmoid score in (0,1): " + s);
    }

    assertTrue(getMd != null, "the demo printed its stop notice:\n" + output);
    getMd.assertOk();
    var row = new KubectlTable(getMd.out()).row("ctr-ranker").orElseThrow();
    assertEquals("2/2", row.get("READY"), getMd.out());
    assertEquals("Healthy", row.get("PHASE"), getMd.out());
    String podsOut = getPods.assertOk().out();
    var pods = new KubectlTable(podsOut);
    assertEquals(2, pods.rows().size(), podsOut);
    pods.rows().forEach(p -> assertEquals("Running", p.get("STATUS"), podsOut));

    reapply.assertOk();
    assertTrue(
        reapply
            .out()
            .trim()
            .matches("modeldeployment.modelops.io/ctr-ranker (unchanged|configured)"),
        reapply.out());
    assertFalse(reapply.err().contains("last-applied-configuration"), reapply.err());

    assertEquals(2, pids.size(), "two runtime processes were listed:\n" + output);
    for (long pid : pids) {
      assertFalse(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "runtime process " + pid + " ended with the demo");
    }
    assertTrue(output.contains("Demo stopped"), output);
  }
}
