package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modelops.api.v1alpha1.HeaderMatch;
import io.modelops.operator.testing.ModelDeployments;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRouteBuilderTest {

  static HeaderMatch header(String name, String value) {
    HeaderMatch h = new HeaderMatch();
    h.setName(name);
    h.setValue(value);
    return h;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(GenericKubernetesResource route) {
    return (List<Map<String, Object>>)
        ((Map<String, Object>) route.getAdditionalProperties().get("spec")).get("rules");
  }

  @Test
  void weightedDefaultRuleToTheTrackServices() {
    var md = ModelDeployments.sample("ns", "ranker", 4);
    var route =
        HttpRouteBuilder.build(md, new CanaryRelease.GatewayRoute("ranker-route", List.of()), 25);
    assertEquals("gateway.networking.k8s.io/v1", route.getApiVersion());
    assertEquals("HTTPRoute", route.getKind());
    assertEquals("ranker-route", route.getMetadata().getName());
    assertEquals("ns", route.getMetadata().getNamespace());
    assertEquals(1, route.getMetadata().getOwnerReferences().size());
    var rules = rules(route);
    assertEquals(1, rules.size());
    assertEquals(
        List.of(
            Map.of(
                "group",
                "",
                "kind",
                "Service",
                "name",
                "ranker-stable",
                "port",
                8080,
                "weight",
                75),
            Map.of(
                "group",
                "",
                "kind",
                "Service",
                "name",
                "ranker-canary",
                "port",
                8080,
                "weight",
                25)),
        rules.get(0).get("backendRefs"));
    assertEquals(25, HttpRouteBuilder.canaryWeight(route, "ranker-canary"));
  }

  @Test
  void greyHeadersComeFirstAndAlwaysGoToTheCanary() {
    var md = ModelDeployments.sample("ns", "ranker", 4);
    var route =
        HttpRouteBuilder.build(
            md,
            new CanaryRelease.GatewayRoute(
                "r", List.of(header("x-cohort", "beta"), header("x-user", "42"))),
            0);
    var rules = rules(route);
    assertEquals(2, rules.size());
    assertEquals(
        List.of(
            Map.of(
                "headers",
                List.of(
                    Map.of("type", "Exact", "name", "x-cohort", "value", "beta"),
                    Map.of("type", "Exact", "name", "x-user", "value", "42")))),
        rules.get(0).get("matches"));
    assertEquals(
        List.of(
            Map.of(
                "group",
                "",
                "kind",
                "Service",
                "name",
                "ranker-canary",
                "port",
                8080,
                "weight",
                100)),
        rules.get(0).get("backendRefs"));
    assertEquals(0, HttpRouteBuilder.canaryWeight(route, "ranker-canary"));
  }

  @Test
  void weightIsClamped() {
    var md = ModelDeployments.sample("ns", "ranker", 4);
    var gw = new CanaryRelease.GatewayRoute("r", List.of());
    assertEquals(
        100, HttpRouteBuilder.canaryWeight(HttpRouteBuilder.build(md, gw, 140), "ranker-canary"));
    assertEquals(
        0, HttpRouteBuilder.canaryWeight(HttpRouteBuilder.build(md, gw, -3), "ranker-canary"));
  }

  @Test
  void trackServicesSelectOneTrack() {
    var md = ModelDeployments.sample("ns", "ranker", 4);
    var canary = ServiceBuilder.buildTrack(md, Labels.TRACK_CANARY);
    assertEquals("ranker-canary", canary.getMetadata().getName());
    assertEquals("canary", canary.getSpec().getSelector().get(Labels.TRACK));
    assertEquals(8080, canary.getSpec().getPorts().get(0).getPort());
  }
}
