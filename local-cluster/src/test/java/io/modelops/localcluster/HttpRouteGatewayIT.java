package io.modelops.localcluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The L7 part of {@link ServiceProxy} against the real control plane with the Gateway API CRDs
 * installed: an HTTPRoute's local address splits requests by backendRef weight (also on one
 * kept-alive connection), never sends to weight 0, sends header-matched requests to the canary, and
 * answers 404 without a matching rule and 503 for a missing backend.
 */
class HttpRouteGatewayIT {

  private static final String RUN = String.format("%02x", ThreadLocalRandom.current().nextInt(256));
  private static final String NS = "modelops-t-gw-" + RUN;
  private static final List<FakePod> PODS = new ArrayList<>();
  private static KubernetesClient client;
  private static ServiceProxy proxy;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        FakePod.supported(),
        "HttpRouteGatewayIT makes network namespaces and veth links: it needs root and iproute2");
    int octet = 10 + ThreadLocalRandom.current().nextInt(200);
    try {
      var stable = pod(FakePod.start("stable", RUN + "s1", octet, true));
      var preview = pod(FakePod.start("preview", RUN + "p1", octet + 1, true));
      var canary = pod(FakePod.start("canary", RUN + "c1", octet + 2, true));
      var plane = LocalControlPlane.shared();
      plane.installGatewayApi();
      client = plane.client();
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      Map.of("stable", stable, "preview", preview, "canary", canary, "zero", canary)
          .forEach(
              (service, pod) -> {
                client.resource(service(service)).create();
                ServiceProxyIT.slice(client, NS, service, Map.of(pod, true));
              });
      proxy = ServiceProxy.start(client);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private static FakePod pod(FakePod pod) {
    PODS.add(pod);
    return pod;
  }

  @AfterAll
  static void stop() {
    // Also called when start() fails, then again by JUnit: each step once, pods whatever happens.
    try {
      if (proxy != null) {
        proxy.close();
        proxy = null;
      }
      if (client != null) {
        client.namespaces().withName(NS).delete();
        client.close();
        client = null;
      }
    } finally {
      PODS.forEach(FakePod::close);
      PODS.clear();
    }
  }

  @Test
  void weightsSplitRequestsAndAHeaderMatchGoesToTheCanary() throws Exception {
    // The catch-all rule comes first: precedence (more header matches) still picks the canary rule.
    var route =
        route(
            "split",
            """
            rules:
            - backendRefs:
              - {name: stable, port: 80, weight: 80}
              - {name: preview, port: 80, weight: 20}
              - {name: zero, port: 80, weight: 0}
            - matches:
              - headers: [{name: X-Canary, value: "true"}]
              backendRefs:
              - {name: canary, port: 80}
            """);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(route, 10, Map.of()).keySet().equals(java.util.Set.of("stable", "preview")));

    int n = 1000;
    var counts = count(route, n, Map.of());
    assertEquals(
        n, counts.getOrDefault("stable", 0) + counts.getOrDefault("preview", 0), "" + counts);
    // Binomial(1000, 0.8) has a standard deviation of 12.6: 6 % is ~4.7 of them.
    assertTrue(Math.abs(counts.get("stable") - 0.8 * n) <= 0.06 * n, "80 % to stable: " + counts);
    assertTrue(Math.abs(counts.get("preview") - 0.2 * n) <= 0.06 * n, "20 % to preview: " + counts);

    assertEquals(Map.of("canary", 100), count(route, 100, Map.of("X-Canary", "true")));
    var others = count(route, 100, Map.of("X-Canary", "false"));
    assertEquals(java.util.Set.of("stable", "preview"), others.keySet(), "" + others);

    var annotation =
        client
            .genericKubernetesResources(HttpRouteGateway.HTTP_ROUTES)
            .inNamespace(NS)
            .withName("split")
            .get()
            .getMetadata()
            .getAnnotations()
            .get("modelops.io/local-address");
    assertEquals("127.0.0.1:" + route.getPort(), annotation);
  }

  @Test
  void noMatchingRuleIs404AndAMissingBackendIs503() throws Exception {
    var route =
        route(
            "edges",
            """
            rules:
            - matches: [{path: {type: Exact, value: /only}}]
              backendRefs: [{name: missing, port: 80}]
            - matches: [{path: {type: PathPrefix, value: /stable}}]
              backendRefs: [{name: stable, port: 80}]
            """);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get(route, "/stable/x", Map.of()).statusCode() == 200);
    var missing = get(route, "/only", Map.of());
    assertEquals(503, missing.statusCode());
    assertTrue(missing.body().contains("Service " + NS + "/missing not found"), missing.body());
    assertEquals(
        404, get(route, "/stablex", Map.of()).statusCode(), "a prefix matches whole segments");
    assertEquals(404, get(route, "/only/more", Map.of()).statusCode());
  }

  private static io.fabric8.kubernetes.api.model.Service service(String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withSelector(Map.of("app", name + "-fake"))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withNewTargetPort(FakePod.PORT)
        .endPort()
        .endSpec()
        .build();
  }

  /** Creates HTTPRoute {@code name} with this spec (YAML) and waits for its local address. */
  private static InetSocketAddress route(String name, String specYaml) {
    String yaml =
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: "
            + name
            + "\n  namespace: "
            + NS
            + "\nspec:\n"
            + specYaml.indent(2);
    var route =
        client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    client
        .genericKubernetesResources(HttpRouteGateway.HTTP_ROUTES)
        .inNamespace(NS)
        .resource(route)
        .create();
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.routeAddress(NS, name), java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static Map<String, Integer> count(
      InetSocketAddress route, int n, Map<String, String> headers)
      throws IOException, InterruptedException {
    var counts = new TreeMap<String, Integer>();
    for (int i = 0; i < n; i++) {
      var response = get(route, "/", headers);
      counts.merge(
          response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode(),
          1,
          Integer::sum);
    }
    return counts;
  }

  private static HttpResponse<String> get(
      InetSocketAddress route, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + route.getPort() + path));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
