package io.modelops.operator.realapi;

import static io.modelops.operator.realapi.RealApi.eventually;
import static io.modelops.operator.testing.GatewayCanaries.NEW_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.localcluster.ControlPlaneBinaries;
import io.modelops.localcluster.LocalControlPlane;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.HttpRouteBuilder;
import io.modelops.operator.release.ReleaseCommand;
import io.modelops.operator.testing.GatewayCanaries;
import io.modelops.operator.testing.OperatorHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * trafficRouting GatewayAPI against the real API server, in production mode (server-side apply):
 * without the Gateway API CRDs (discovery really answers 404) on a control plane of its own, and
 * with them installed on the shared one ({@link LocalControlPlane#installGatewayApi()}, which stays
 * for the rest of this JVM). A namespace per test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutingRealApiIT {

  private static final String NAME = "gw";
  private static final String ROUTE = "gw-route";

  private LocalControlPlane plane;
  private KubernetesClient client;
  private OperatorHarness operator;
  private String ns;

  private LocalControlPlane own;

  private void setUp(String namespace) {
    setUp(namespace, RealApi.plane());
  }

  private void setUp(String namespace, LocalControlPlane on) {
    plane = on;
    client = plane.client();
    ns = namespace;
    RealApi.createNamespace(client, ns);
    plane.node().readiness(pod -> true);
  }

  @AfterEach
  void tearDown() {
    if (operator != null) {
      operator.stop();
    }
    if (client != null) {
      if (own == null) {
        RealApi.deleteNamespace(client, ns);
      }
      client.close();
    }
    if (own != null) {
      own.close();
    }
  }

  private void startOperator() {
    operator =
        OperatorHarness.builder(client)
            .serverSideApply(true)
            .namespaces(Set.of(ns))
            .maxReconciliationInterval(Duration.ofSeconds(2))
            .start();
  }

  private void create() {
    client.resource(GatewayCanaries.greyCanary(ns, NAME, ROUTE)).create();
  }

  private ModelDeployment md() {
    return RealApi.md(client, ns, NAME);
  }

  private ModelDeployment awaitMd(Predicate<ModelDeployment> p) {
    return RealApi.awaitMd(client, ns, NAME, p);
  }

  private void newVersion() {
    RealApi.retryOnConflict(
        () -> {
          ModelDeployment current = md();
          GatewayCanaries.toNewVersion(current);
          client.resource(current).update();
        });
  }

  private GenericKubernetesResource route() {
    return GatewayCanaries.route(client, ns, ROUTE);
  }

  private int canaryWeight() {
    var route = route();
    Integer weight = route == null ? null : HttpRouteBuilder.canaryWeight(route, NAME + "-canary");
    return weight == null ? -1 : weight;
  }

  private static boolean degraded(ModelDeployment m, String reason) {
    var degraded =
        m.getStatus() == null
            ? null
            : Conditions.find(m.getStatus().getConditions(), Reasons.DEGRADED).orElse(null);
    return degraded != null
        && Conditions.TRUE.equals(degraded.getStatus())
        && reason.equals(degraded.getReason());
  }

  @Test
  @Order(1)
  void withoutTheGatewayApiTheReleaseIsHeldAndDegraded() {
    // Its own control plane: the shared one may have the Gateway API from another test class.
    own =
        LocalControlPlane.start(
            ControlPlaneBinaries.load(), Path.of("target", "local-cluster-no-gateway-api"));
    setUp("gw-missing", own);
    RealApi.installCrd(own, client);
    assertFalse(client.supports(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND));
    startOperator();
    create();
    var md = awaitMd(m -> degraded(m, Reasons.GATEWAY_API_MISSING));
    assertTrue(
        Conditions.find(md.getStatus().getConditions(), Reasons.DEGRADED)
            .orElseThrow()
            .getMessage()
            .contains("httproutes.gateway.networking.k8s.io"));
    newVersion();
    var held =
        awaitMd(
            m ->
                degraded(m, Reasons.GATEWAY_API_MISSING)
                    && m.getStatus().getRelease() != null
                    && Reasons.GATEWAY_API_MISSING.equals(m.getStatus().getRelease().getReason())
                    && m.getStatus()
                        .getObservedGeneration()
                        .equals(m.getMetadata().getGeneration()));
    assertEquals(ReleasePhase.Healthy, held.getStatus().getRelease().getPhase());
    assertNull(client.apps().deployments().inNamespace(ns).withName(NAME + "-canary").get());
  }

  @Test
  @Order(2)
  @SuppressWarnings("unchecked")
  void withTheGatewayApiTheRouteIsAppliedAndFollowsTheSteps() {
    setUp("gw-routed");
    plane.installGatewayApi();
    eventually().until(() -> client.supports(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND));
    startOperator();
    create();
    eventually().until(() -> canaryWeight() == 0);
    var route = route();
    assertEquals(NAME, route.getMetadata().getOwnerReferences().get(0).getName());
    assertTrue(
        route.getMetadata().getManagedFields().stream()
            .anyMatch(f -> "Apply".equals(f.getOperation())),
        "server-side applied");
    // Steady state: re-reconciles (every 2 s) find the route as wanted and write nothing.
    String version = route.getMetadata().getResourceVersion();
    try {
      Thread.sleep(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertEquals(version, route().getMetadata().getResourceVersion(), "no write in steady state");
    // The user attaches the route to a Gateway; the operator's applies leave parentRefs alone.
    client
        .genericKubernetesResources(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND)
        .inNamespace(ns)
        .withName(ROUTE)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE)
                .withFieldManager("kubectl")
                .build(),
            "{\"spec\":{\"parentRefs\":[{\"name\":\"my-gateway\"}]}}");
    assertNotNull(client.services().inNamespace(ns).withName(NAME + "-canary").get());

    newVersion();
    var atStep2 =
        awaitMd(
            m ->
                m.getStatus().getRelease() != null
                    && m.getStatus().getRelease().getPhase() == ReleasePhase.Progressing
                    && Integer.valueOf(1).equals(m.getStatus().getRelease().getStep())
                    && m.getStatus().getRelease().getStepStartedAt() != null
                    && m.getStatus().getCanary() != null);
    eventually().until(() -> canaryWeight() == 67);
    assertEquals(67, atStep2.getStatus().getCanary().getWeight());
    var spec = (Map<String, Object>) route().getAdditionalProperties().get("spec");
    assertEquals(2, ((List<?>) spec.get("rules")).size(), "grey rule and default rule");
    assertEquals(
        List.of(Map.of("name", "my-gateway")),
        ((List<Map<String, Object>>) spec.get("parentRefs"))
            .stream().map(p -> Map.of("name", p.get("name"))).toList(),
        "parentRefs kept");

    RealApi.retryOnConflict(
        () -> {
          ModelDeployment current = md();
          current.getMetadata().getAnnotations().put(ReleaseCommand.PROMOTE.annotation(), "true");
          client.resource(current).update();
        });
    awaitMd(
        m ->
            m.getStatus().getRelease().getPhase() == ReleasePhase.Healthy
                && m.getStatus().getStable() != null
                && NEW_VERSION.equals(m.getStatus().getStable().getVersion()));
    eventually().until(() -> canaryWeight() == 0);
  }
}
