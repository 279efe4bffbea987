package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.eventually;
import static io.modelops.operator.testing.GatewayCanaries.NEW_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.model.HttpRouteBuilder;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.release.ReleaseCommand;
import io.modelops.operator.testing.Conflicts;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * trafficRouting GatewayAPI on the mock API server with the HTTPRoute CRD registered (so discovery
 * serves it): the operator owns the route, its weights follow the steps, the grey rule comes first,
 * and status WEIGHT shows the route's weight.
 */
@EnableKubernetesMockClient(crud = true)
class GatewayRoutingApiTest {

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("httproutes.gateway.networking.k8s.io")
                .endMetadata()
                .withNewSpec()
                .withGroup("gateway.networking.k8s.io")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("HTTPRoute")
                .withPlural("httproutes")
                .withSingular("httproute")
                .withListKind("HTTPRouteList")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
    fake = new FakeKubeController(client).start();
    operator =
        OperatorHarness.builder(client)
            .settings(OperatorSettings.defaults().withReleaseTick(Duration.ofMillis(200)))
            .analysisSource(
                request ->
                    request.due()
                        ? AnalysisVerdict.pass(request.now(), "ok")
                        : AnalysisVerdict.notYetDue())
            .start();
  }

  @AfterEach
  void stop() {
    operator.close();
    fake.close();
  }

  private int canaryWeight() {
    var route = GatewayRoutingSupport.route(client, "gw-route");
    return route == null ? -1 : HttpRouteBuilder.canaryWeight(route, "gw-canary");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRouteWeightsFollowTheStepsAndGreyHeadersGoToTheCanary() {
    GatewayRoutingSupport.create(
        client,
        "gw",
        "gw-route",
        m -> m.getStatus() != null && m.getStatus().getPhase() == Phase.Healthy);
    eventually().until(() -> canaryWeight() == 0);
    var route = GatewayRoutingSupport.route(client, "gw-route");
    assertEquals("gw", route.getMetadata().getOwnerReferences().get(0).getName());
    var rules =
        (List<Map<String, Object>>)
            ((Map<String, Object>) route.getAdditionalProperties().get("spec")).get("rules");
    assertEquals(1, rules.size(), "no grey rule while no canary runs");
    for (String track : List.of("stable", "canary")) {
      Service service =
          client.services().inNamespace(ApiTestSupport.NS).withName("gw-" + track).get();
      assertNotNull(service, "Service gw-" + track);
      assertEquals(track, service.getSpec().getSelector().get("modelops.io/track"));
    }
    assertNotNull(client.services().inNamespace(ApiTestSupport.NS).withName("gw").get());

    GatewayRoutingSupport.newVersion(client, "gw");
    ModelDeployment atStep2 =
        awaitMd(
            client,
            "gw",
            m ->
                m.getStatus().getRelease() != null
                    && m.getStatus().getRelease().getPhase() == ReleasePhase.Progressing
                    && Integer.valueOf(1).equals(m.getStatus().getRelease().getStep())
                    && m.getStatus().getRelease().getStepStartedAt() != null
                    && m.getStatus().getCanary() != null);
    assertEquals(67, canaryWeight());
    var releasing =
        (List<Map<String, Object>>)
            ((Map<String, Object>)
                    GatewayRoutingSupport.route(client, "gw-route")
                        .getAdditionalProperties()
                        .get("spec"))
                .get("rules");
    assertEquals(2, releasing.size(), "grey rule first, then the weighted default rule");
    assertNotNull(releasing.get(0).get("matches"));
    assertEquals(67, atStep2.getStatus().getCanary().getWeight(), "WEIGHT is the route's");

    Conflicts.retry(
        () ->
            client
                .resources(ModelDeployment.class)
                .inNamespace(ApiTestSupport.NS)
                .withName("gw")
                .edit(
                    m -> {
                      m.getMetadata()
                          .getAnnotations()
                          .put(ReleaseCommand.PROMOTE.annotation(), "true");
                      return m;
                    }));
    awaitMd(
        client,
        "gw",
        m ->
            m.getStatus().getRelease().getPhase() == ReleasePhase.Healthy
                && m.getStatus().getStable() != null
                && NEW_VERSION.equals(m.getStatus().getStable().getVersion())
                && m.getStatus().getCanary() == null);
    eventually().until(() -> canaryWeight() == 0);
    assertEquals(
        1,
        ((List<?>)
                ((Map<String, Object>)
                        GatewayRoutingSupport.route(client, "gw-route")
                            .getAdditionalProperties()
                            .get("spec"))
                    .get("rules"))
            .size(),
        "the grey rule is gone once the release is over");
  }
}
