package io.modelops.operator.realapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.localcluster.LocalControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart with the real {@code helm} binary (built from its Go module): lint, template, the
 * kubeVersion guard, and an install into the real API server.
 */
class HelmChartIT {

  static final String CHART = "../helm/modelops-operator";
  private static final String NS = "modelops-helm";
  private static LocalControlPlane plane;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = RealApi.plane();
    client = plane.client();
  }

  @AfterAll
  static void stop() {
    plane.run("helm", "uninstall", "modelops", "-n", NS, "--wait", "--timeout", "60s");
    if (client.namespaces().withName(NS).get() != null) {
      RealApi.deleteNamespace(client, NS);
    }
    client.close();
  }

  @Test
  void lintsCleanInStrictMode() {
    var lint = plane.run("helm", "lint", "--strict", CHART);
    assertEquals(0, lint.exitCode(), lint.output());
    assertTrue(lint.output().contains("0 chart(s) failed"), lint.output());
  }

  @Test
  void lintsCleanWithEveryObservabilityObjectOn() {
    var lint =
        plane.run(
            "helm",
            "lint",
            "--strict",
            CHART,
            "--set",
            "alerts.enabled=true,dashboards.enabled=true,runtimeMonitor.enabled=true");
    assertEquals(0, lint.exitCode(), lint.output());
    var manifests =
        plane
            .run(
                "helm",
                "template",
                "modelops",
                CHART,
                "--kube-version",
                plane.binaries().kubeVersion(),
                "--set",
                "alerts.enabled=true,dashboards.enabled=true,runtimeMonitor.enabled=true")
            .orFail();
    for (String kind :
        new String[] {"kind: PodMonitor", "kind: PrometheusRule", "kind: ConfigMap"}) {
      assertTrue(manifests.contains(kind), kind);
    }
  }

  @Test
  void templateRendersForTheBuiltKubernetes() {
    String manifests =
        plane
            .run(
                "helm",
                "template",
                "modelops",
                CHART,
                "-n",
                NS,
                "--kube-version",
                plane.binaries().kubeVersion())
            .orFail();
    assertTrue(manifests.contains("kind: ClusterRole"), manifests);
    assertTrue(manifests.contains("modeldeployments/finalizers"), manifests);
  }

  @Test
  void valuesSchemaRefusesBadValuesNamingTheField() {
    String kube = plane.binaries().kubeVersion();
    var zero =
        plane.run(
            "helm",
            "template",
            "modelops",
            CHART,
            "--kube-version",
            kube,
            "--set",
            "replicaCount=0");
    assertNotEquals(0, zero.exitCode());
    assertTrue(zero.output().contains("/replicaCount"), zero.output());
    var policy =
        plane.run(
            "helm",
            "template",
            "modelops",
            CHART,
            "--kube-version",
            kube,
            "--set",
            "image.pullPolicy=Sometimes");
    assertNotEquals(0, policy.exitCode());
    assertTrue(policy.output().contains("/image/pullPolicy"), policy.output());
    var typo =
        plane.run(
            "helm", "template", "modelops", CHART, "--kube-version", kube, "--set", "replicas=3");
    assertNotEquals(0, typo.exitCode());
    assertTrue(typo.output().contains("'replicas' not allowed"), typo.output());
  }

  @Test
  void severalReplicasGetADisruptionBudgetAndSpreadOverNodes() {
    String kube = plane.binaries().kubeVersion();
    String two = plane.run("helm", "template", "modelops", CHART, "--kube-version", kube).orFail();
    assertTrue(two.contains("kind: PodDisruptionBudget"), two);
    assertTrue(two.contains("podAntiAffinity"), two);
    String one =
        plane
            .run(
                "helm",
                "template",
                "modelops",
                CHART,
                "--kube-version",
                kube,
                "--set",
                "replicaCount=1")
            .orFail();
    assertTrue(!one.contains("kind: PodDisruptionBudget") && !one.contains("podAntiAffinity"), one);
  }

  @Test
  void refusesAKubernetesWithoutTheCelFeaturesTheCrdNeeds() {
    var old = plane.run("helm", "template", "modelops", CHART, "--kube-version", "1.27.9");
    assertNotEquals(0, old.exitCode(), old.output());
    assertTrue(old.output().contains(">=1.28"), old.output());
  }

  @Test
  void installsIntoTheRealApiServer() {
    var install =
        plane.run(
            "helm",
            "install",
            "modelops",
            CHART,
            "-n",
            NS,
            "--create-namespace",
            "--set",
            "replicaCount=1");
    assertEquals(0, install.exitCode(), install.output());
    var status = plane.run("helm", "status", "modelops", "-n", NS).orFail();
    assertTrue(status.contains("STATUS: deployed"), status);
    var deployments = client.apps().deployments().inNamespace(NS).list().getItems();
    assertEquals(1, deployments.size(), "the operator Deployment");
    assertEquals(
        Integer.valueOf(1), deployments.get(0).getSpec().getReplicas(), "--set replicaCount=1");
    assertNotNull(
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("modeldeployments.modelops.io")
            .get());
    assertTrue(
        client.rbac().clusterRoles().list().getItems().stream()
            .anyMatch(r -> r.getMetadata().getName().contains("modelops")));
  }
}
