package io.modelops.e2e.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the local harness (embedded API server, operator, fake
 * kube-controller-manager; pods are placeholders here, the demo test runs real processes).
 */
class KubectlE2E {

  static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath();

  @TempDir static Path tmp;
  static LocalCluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Path kubectlBinary = Kubectl.locate(); // fail fast, before starting anything
    assertTrue(Files.isExecutable(kubectlBinary));
    cluster =
        LocalCluster.start(
            0, REPO.resolve("crds/modeldeployments.modelops.io-v1.yml"), new FakePodRuntime());
    Path kubeconfig = cluster.apiServer().writeKubeconfig(tmp.resolve("kubeconfig"));
    kubectl = new Kubectl(kubeconfig, tmp.resolve("kube-cache"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static KubectlTable getMd(String ns, String... extra) throws Exception {
    String[] args = new String[3 + extra.length];
    args[0] = "get";
    args[1] = "md";
    args[2] = "--namespace=" + ns;
    System.arraycopy(extra, 0, args, 3, extra.length);
    return new KubectlTable(kubectl.run(args).assertOk().out());
  }

  private static void awaitRow(String ns, String name, String column, String value) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> getMd(ns).row(name).map(r -> value.equals(r.get(column))).orElse(false));
  }

  @Test
  void applyThenGetShowsPrinterColumnsFilledByTheOperator() throws Exception {
    String out =
        kubectl
            .run("apply", "-n", "kc-get", "-f", REPO.resolve("examples/ctr-ranker.yaml").toString())
            .assertOk()
            .out();
    assertEquals("modeldeployment.modelops.io/ctr-ranker created", out.trim());

    awaitRow("kc-get", "ctr-ranker", "PHASE", "Healthy");
    KubectlTable table = getMd("kc-get");
    assertEquals(
        List.of("NAME", "MODEL", "STABLE", "CANARY", "WEIGHT", "READY", "PHASE", "AGE"),
        table.headers());
    Map<String, String> row = table.row("ctr-ranker").orElseThrow();
    assertEquals("ctr-ranker", row.get("MODEL"));
    assertEquals("2026-11-13", row.get("STABLE"));
    assertEquals("", row.get("CANARY"));
    assertEquals("2/2", row.get("READY"));
    assertTrue(row.get("AGE").matches("\\d+[smhd].*"), row.get("AGE"));

    KubectlTable wide = getMd("kc-get", "-o", "wide");
    assertEquals(List.of("LAST-DRILL", "VERDICT"), wide.headers().subList(8, 10));

    KubectlTable pods =
        new KubectlTable(
            kubectl
                .run("get", "pods", "-n", "kc-get", "-l", "app.kubernetes.io/instance=ctr-ranker")
                .assertOk()
                .out());
    assertEquals(2, pods.rows().size(), pods.rows().toString());
    pods.rows().forEach(p -> assertEquals("1/1", p.get("READY")));
    KubectlTable deploy =
        new KubectlTable(kubectl.run("get", "deploy", "-n", "kc-get").assertOk().out());
    assertEquals("2/2", deploy.row("ctr-ranker-stable").orElseThrow().get("READY"));
  }

  @Test
  void getAsYamlShowsStatusConditions() throws Exception {
    kubectl
        .run("apply", "-n", "kc-yaml", "-f", REPO.resolve("examples/ctr-ranker.yaml").toString())
        .assertOk();
    awaitRow("kc-yaml", "ctr-ranker", "PHASE", "Healthy");
    String yaml =
        kubectl.run("get", "md", "ctr-ranker", "-n", "kc-yaml", "-o", "yaml").assertOk().out();
    assertTrue(yaml.contains("kind: ModelDeployment"), yaml);
    assertTrue(yaml.contains("observedGeneration: 1"), yaml);
    assertTrue(yaml.contains("type: Ready"), yaml);
    assertTrue(yaml.contains("reason: StableServing"), yaml);
    assertTrue(yaml.contains("kubectl.kubernetes.io/last-applied-configuration"), yaml);
    String ready =
        kubectl
            .run(
                "get",
                "md",
                "ctr-ranker",
                "-n",
                "kc-yaml",
                "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
            .assertOk()
            .out();
    assertEquals("True", ready.trim());
  }

  @Test
  void reapplyWithMoreReplicasIsConfiguredAndConverges() throws Exception {
    Path file = REPO.resolve("examples/ctr-ranker.yaml");
    kubectl.run("apply", "-n", "kc-scale", "-f", file.toString()).assertOk();
    awaitRow("kc-scale", "ctr-ranker", "READY", "2/2");
    Path scaled = tmp.resolve("ctr-ranker-3.yaml");
    Files.writeString(scaled, Files.readString(file).replace("replicas: 2", "replicas: 3"));
    String out = kubectl.run("apply", "-n", "kc-scale", "-f", scaled.toString()).assertOk().out();
    assertEquals("modeldeployment.modelops.io/ctr-ranker configured", out.trim());
    awaitRow("kc-scale", "ctr-ranker", "READY", "3/3");
    String generation =
        kubectl
            .run(
                "get",
                "md",
                "ctr-ranker",
                "-n",
                "kc-scale",
                "-o",
                "jsonpath={.metadata.generation}")
            .assertOk()
            .out();
    assertEquals("2", generation.trim());
  }

  @Test
  void deleteRemovesTheModelDeployment() throws Exception {
    kubectl
        .run("apply", "-n", "kc-delete", "-f", REPO.resolve("examples/ctr-ranker.yaml").toString())
        .assertOk();
    awaitRow("kc-delete", "ctr-ranker", "PHASE", "Healthy");
    String out = kubectl.run("delete", "md", "ctr-ranker", "-n", "kc-delete").assertOk().out();
    assertEquals("modeldeployment.modelops.io \"ctr-ranker\" deleted", out.trim());
    Kubectl.Result after = kubectl.run("get", "md", "-n", "kc-delete");
    assertEquals(0, after.exitCode());
    assertTrue(after.err().contains("No resources found in kc-delete namespace."), after.err());
  }

  @Test
  void errorsAreClearMessagesNotCrashes() throws Exception {
    Kubectl.Result missing = kubectl.run("get", "md", "nope", "-n", "default");
    assertNotEquals(0, missing.exitCode());
    assertTrue(
        missing.err().contains("modeldeployments.modelops.io \"nope\" not found"), missing.err());

    Kubectl.Result ssa =
        kubectl.run(
            "apply",
            "--server-side",
            "-n",
            "kc-errors",
            "-f",
            REPO.resolve("examples/ctr-ranker.yaml").toString());
    assertNotEquals(0, ssa.exitCode());
    assertTrue(ssa.err().contains("server-side apply is not supported"), ssa.err());
  }

  @Test
  void anInvalidSpecIsRefusedAtApplyTime() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        Files.readString(REPO.resolve("examples/ctr-ranker.yaml"))
            .replace("replicas: 2", "replicas: -3")
            .replace("name: ctr-ranker\nspec", "name: bad-ranker\nspec"));
    Kubectl.Result result = kubectl.run("apply", "-n", "kc-invalid", "-f", bad.toString());
    assertNotEquals(0, result.exitCode());
    assertTrue(result.err().contains("is invalid"), result.err());
    assertTrue(result.err().contains("spec.runtime.replicas"), result.err());
    Kubectl.Result get = kubectl.run("get", "md", "-n", "kc-invalid");
    assertTrue(get.err().contains("No resources found"), get.out() + get.err());
  }

  @Test
  void explainReadsTheCrdSchema() throws Exception {
    String out = kubectl.run("explain", "md.spec.model.uri").assertOk().out();
    assertTrue(out.contains("KIND:       ModelDeployment"), out);
    assertTrue(out.contains("file://"), out);
  }
}
