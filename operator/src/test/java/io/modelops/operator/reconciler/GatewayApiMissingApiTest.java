package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.condition;
import static io.modelops.operator.reconciler.ApiTestSupport.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.GatewayCanaries;
import io.modelops.operator.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * trafficRouting GatewayAPI on a mock API server without the Gateway API CRDs (discovery answers
 * 404): Degraded GatewayApiMissing naming the CRD, the new revision is not released.
 */
@EnableKubernetesMockClient(crud = true)
class GatewayApiMissingApiTest {

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    operator = OperatorHarness.builder(client).start();
  }

  @AfterEach
  void stop() {
    operator.close();
    fake.close();
  }

  private static boolean degradedMissing(ModelDeployment m) {
    var degraded = condition(m, Reasons.DEGRADED);
    return degraded != null
        && "True".equals(degraded.getStatus())
        && Reasons.GATEWAY_API_MISSING.equals(degraded.getReason());
  }

  @Test
  void withoutTheCrdsTheReleaseIsHeldAndDegraded() {
    var md =
        GatewayRoutingSupport.create(
            client, "nogw", "nogw-route", GatewayApiMissingApiTest::degradedMissing);
    assertTrue(
        condition(md, Reasons.DEGRADED)
            .getMessage()
            .contains("httproutes.gateway.networking.k8s.io"));
    GatewayRoutingSupport.newVersion(client, "nogw");
    ModelDeployment held =
        awaitMd(
            client,
            "nogw",
            m ->
                degradedMissing(m)
                    && m.getStatus().getRelease() != null
                    && Reasons.GATEWAY_API_MISSING.equals(m.getStatus().getRelease().getReason())
                    && m.getStatus().getObservedGeneration() == m.getMetadata().getGeneration());
    assertNull(deployment(client, "nogw-canary"), "no canary without the route");
    assertEquals(
        io.modelops.api.v1alpha1.ReleasePhase.Healthy, held.getStatus().getRelease().getPhase());
    assertTrue(
        !GatewayCanaries.NEW_VERSION.equals(held.getStatus().getStable().getVersion()),
        "the stable track keeps the old version");
  }
}
