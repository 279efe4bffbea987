package io.modelops.operator.realapi;

import static io.modelops.operator.realapi.RealApi.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.localcluster.LocalControlPlane;
import io.modelops.localcluster.ToolResult;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubectl plugin ({@code operator/kubectl-plugin/kubectl-modelops}) as users run it: {@code
 * kubectl modelops ...} found on the PATH by the real kubectl, against the real API server with the
 * operator running: status, pause/resume, promote, abort, retry on a canary release, a drill run
 * created now from a DrillSchedule (validated by the server's CRD schema), help and errors.
 */
class KubectlPluginRealApiIT {

  private static final Path PLUGIN_DIR = Path.of("kubectl-plugin").toAbsolutePath();
  private static final String NAME = "ranker";

  private LocalControlPlane plane;
  private KubernetesClient client;
  private OperatorHarness operator;
  private final String ns = "kubectl-plugin";

  @BeforeEach
  void setUp() {
    plane = RealApi.plane();
    client = plane.client();
    RealApi.createNamespace(client, ns);
    plane.node().readiness(pod -> true);
    operator =
        OperatorHarness.builder(client)
            .serverSideApply(true)
            .namespaces(Set.of(ns))
            .maxReconciliationInterval(Duration.ofSeconds(2))
            .start();
  }

  @AfterEach
  void tearDown() {
    operator.stop();
    RealApi.deleteNamespace(client, ns);
    client.close();
  }

  @Test
  void drivesACanaryReleaseAndStartsADrill() throws Exception {
    var md = ModelDeployments.sample(ns, NAME, 2);
    ModelDeployments.canary(md, ModelDeployments.step(50, "1h"));
    client.resource(md).create();
    await(m -> "Healthy".equals(phase(m)));
    String status = plugin("status", NAME, "-n", ns).orFail();
    assertTrue(status.contains(ns + "/" + NAME) && status.contains("ready 2/2"), status);

    newVersion("2026-11-20");
    await(m -> "Progressing".equals(phase(m)));
    plugin("pause", NAME, "-n", ns).orFail();
    await(m -> "Paused".equals(phase(m)));
    assertTrue(plugin("status", NAME, "-n", ns).orFail().contains("release    Paused"));
    plugin("resume", NAME, "-n", ns).orFail();
    await(m -> "Progressing".equals(phase(m)));
    plugin("promote", NAME, "-n", ns).orFail();
    ModelDeployment promoted =
        await(
            m ->
                "Healthy".equals(phase(m))
                    && "2026-11-20".equals(m.getStatus().getStable().getVersion()));
    assertTrue(
        promoted.getMetadata().getAnnotations() == null
            || !promoted.getMetadata().getAnnotations().containsKey("modelops.io/promote"),
        "the operator consumed the promote annotation");

    newVersion("2026-11-13");
    await(m -> "Progressing".equals(phase(m)));
    plugin("abort", NAME, "-n", ns).orFail();
    ModelDeployment rolledBack = await(m -> "RolledBack".equals(phase(m)));
    assertEquals("Aborted", rolledBack.getStatus().getRelease().getReason());
    assertTrue(plugin("status", NAME, "-n", ns).orFail().contains("Aborted"));
    plugin("retry", NAME, "-n", ns).orFail();
    await(m -> "Progressing".equals(phase(m)));

    // A drill now, from a schedule's template: the server validates the DrillRun it creates.
    plane.installCrd(Path.of("..", "crds", "drillschedules.modelops.io-v1.yml"));
    plane.installCrd(Path.of("..", "crds", "drillruns.modelops.io-v1.yml"));
    String schedule =
        Files.readString(Path.of("..", "examples", "drills", "nightly-pod-kill.yaml"))
            .replaceAll("(?m)^  namespace: .*$", "");
    var applied = plane.run("kubectl", "apply", "-n", ns, "-f", write(schedule).toString());
    assertEquals(0, applied.exitCode(), applied.output());
    String scheduleName =
        plane
            .run(
                "kubectl",
                "get",
                "drillschedules",
                "-n",
                ns,
                "-o",
                "jsonpath={.items[0].metadata.name}")
            .orFail()
            .strip();
    var created = plugin("drill", "run-now", scheduleName, "-n", ns);
    assertEquals(0, created.exitCode(), created.output());
    assertTrue(
        created.output().strip().startsWith("drillrun.modelops.io/" + scheduleName + "-manual-"),
        created.output());
    String runName = created.output().strip().substring("drillrun.modelops.io/".length());
    var run =
        plane.run(
            "kubectl",
            "get",
            "drillrun",
            runName,
            "-n",
            ns,
            "-o",
            "jsonpath={.spec.target.modelDeployment} {.metadata.labels.modelops\\.io/trigger}");
    assertEquals(
        plane
                .run(
                    "kubectl",
                    "get",
                    "drillschedule",
                    scheduleName,
                    "-n",
                    ns,
                    "-o",
                    "jsonpath={.spec.target.modelDeployment}")
                .orFail()
                .strip()
            + " manual",
        run.orFail().strip());
    plugin("drill", "abort", runName, "-n", ns).orFail();
    assertEquals(
        "Manual",
        plane
            .run(
                "kubectl",
                "get",
                "drillrun",
                runName,
                "-n",
                ns,
                "-o",
                "jsonpath={.metadata.annotations.modelops\\.io/drill-abort}")
            .orFail()
            .strip());

    assertTrue(plugin("promote", "--help").orFail().contains("modelops.io/promote"));
    assertTrue(plugin("help").orFail().contains("drill run-now SCHEDULE"));
    assertTrue(plugin("version").orFail().startsWith("kubectl-modelops "));
    assertEquals(2, plugin("frobnicate").exitCode());
    assertEquals(2, plugin("promote").exitCode(), "a name is required");
    var missing = plugin("status", "no-such-thing", "-n", ns);
    assertNotEquals(0, missing.exitCode());
    assertTrue(missing.output().contains("not found"), missing.output());
  }

  private void newVersion(String version) {
    RealApi.retryOnConflict(
        () ->
            client
                .resources(ModelDeployment.class)
                .inNamespace(ns)
                .withName(NAME)
                .edit(
                    m -> {
                      m.getSpec().getModel().setVersion(version);
                      m.getSpec()
                          .getModel()
                          .setUri("file:///models/ctr-ranker-" + version + ".onnx");
                      return m;
                    }));
  }

  private static String phase(ModelDeployment md) {
    return md.getStatus() == null
            || md.getStatus().getRelease() == null
            || md.getStatus().getRelease().getPhase() == null
        ? null
        : md.getStatus().getRelease().getPhase().name();
  }

  private ModelDeployment await(Predicate<ModelDeployment> condition) {
    ModelDeployment[] last = new ModelDeployment[1];
    eventually()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              last[0] =
                  client.resources(ModelDeployment.class).inNamespace(ns).withName(NAME).get();
              return last[0] != null && condition.test(last[0]);
            });
    return last[0];
  }

  /** Runs {@code kubectl modelops <args>} with the plugin and the built kubectl on the PATH. */
  private ToolResult plugin(String... args) throws IOException, InterruptedException {
    Path kubectl = plane.binaries().binary("kubectl");
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "modelops"));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", kubectl.getParent() + ":" + PLUGIN_DIR + ":/usr/bin:/bin");
    builder.environment().put("KUBECONFIG", plane.kubeconfig().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new ToolResult(process.exitValue(), output);
  }

  private static Path write(String yaml) throws IOException {
    Path file = Files.createTempFile("drill", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
