package io.modelops.localcluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The L4 part of {@link ServiceProxy} against the real control plane: a Service's local address
 * spreads connections over the ready endpoints of its EndpointSlices (fake pods in network
 * namespaces, since no kubelet runs processes yet), follows readiness, skips a refusing endpoint,
 * closes at once when none is ready, and goes away with the Service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceProxyIT {

  private static final String RUN = String.format("%02x", ThreadLocalRandom.current().nextInt(256));
  private static final String NS = "modelops-t-proxy-" + RUN;
  private static final List<FakePod> PODS = new ArrayList<>();
  private static KubernetesClient client;
  private static ServiceProxy proxy;
  private static FakePod a;
  private static FakePod b;
  private static FakePod dead;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        FakePod.supported(),
        "ServiceProxyIT makes network namespaces and veth links: it needs root and iproute2");
    int octet = 10 + ThreadLocalRandom.current().nextInt(200);
    try {
      a = pod(FakePod.start("pod-a", RUN + "a0", octet, true));
      b = pod(FakePod.start("pod-b", RUN + "b0", octet + 1, true));
      dead = pod(FakePod.start("pod-dead", RUN + "d0", octet + 2, false));
      client = LocalControlPlane.shared().client();
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
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
  @Order(1)
  void connectionsReachEveryReadyEndpointAndPortsAreAnnotated() throws IOException {
    client.resource(service("web")).create();
    slice("web", Map.of(a, true, b, true));
    Map<String, String> annotations =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                        .services()
                        .inNamespace(NS)
                        .withName("web")
                        .get()
                        .getMetadata()
                        .getAnnotations(),
                x -> x != null && x.containsKey("modelops.io/local-address.metrics"));
    var http = proxy.address(NS, "web", "http").orElseThrow();
    var metrics = proxy.address(NS, "web", "metrics").orElseThrow();
    assertEquals("127.0.0.1:" + http.getPort(), annotations.get("modelops.io/local-address"));
    assertEquals("127.0.0.1:" + http.getPort(), annotations.get("modelops.io/local-address.http"));
    assertEquals(
        "127.0.0.1:" + metrics.getPort(), annotations.get("modelops.io/local-address.metrics"));
    assertEquals(http, proxy.address(NS, "web", null).orElseThrow());

    await().atMost(Duration.ofSeconds(30)).until(() -> count(http, 2).size() == 2);
    var counts = count(http, 20);
    assertEquals(Map.of("pod-a", 10, "pod-b", 10), counts, "round robin over both endpoints");
    assertEquals(2, count(metrics, 20).size(), "the second port reaches both too");
  }

  @Test
  @Order(2)
  void anEndpointThatIsNotReadyGetsNoNewConnections() throws IOException {
    slice("web", Map.of(a, true, b, false));
    var http = proxy.address(NS, "web", "http").orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(http, 4).keySet().equals(java.util.Set.of("pod-a")));
    assertEquals(Map.of("pod-a", 30), count(http, 30));
  }

  @Test
  @Order(3)
  void aRefusingEndpointIsSkipped() throws IOException {
    slice("web", Map.of(a, true, dead, true));
    var http = proxy.address(NS, "web", "http").orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var s =
                  client
                      .discovery()
                      .v1()
                      .endpointSlices()
                      .inNamespace(NS)
                      .withName("web-test")
                      .get();
              return s.getEndpoints().stream().anyMatch(e -> e.getAddresses().contains(dead.ip));
            });
    sleep(1000); // the proxy's informer follows within this
    assertEquals(Map.of("pod-a", 20), count(http, 20));
  }

  @Test
  @Order(4)
  void withoutReadyEndpointsConnectionsCloseAtOnce() throws IOException {
    slice("web", Map.of(a, false, b, false));
    var http = proxy.address(NS, "web", "http").orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              long start = System.nanoTime();
              try (var socket = new Socket()) {
                socket.connect(http, 2000);
                socket.setSoTimeout(3000);
                return socket.getInputStream().read() == -1
                    && System.nanoTime() - start < 2_000_000_000L;
              }
            });
  }

  @Test
  @Order(5)
  void deletingTheServiceClosesItsPorts() {
    var http = proxy.address(NS, "web", "http").orElseThrow();
    client.services().inNamespace(NS).withName("web").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> proxy.address(NS, "web", "http").isEmpty());
    assertThrows(
        ConnectException.class, () -> new Socket(http.getAddress(), http.getPort()).close());
  }

  static Service service(String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        // Matches no pod: the test writes the EndpointSlices itself.
        .withSelector(Map.of("app", name + "-fake"))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withNewTargetPort(FakePod.PORT)
        .endPort()
        .addNewPort()
        .withName("metrics")
        .withPort(9090)
        .withNewTargetPort(FakePod.PORT)
        .endPort()
        .endSpec()
        .build();
  }

  /**
   * Creates or replaces EndpointSlice {@code <service>-test} with these endpoints and readiness.
   */
  static void slice(String service, Map<FakePod, Boolean> ready) {
    slice(client, NS, service, ready);
  }

  static void slice(
      KubernetesClient client, String ns, String service, Map<FakePod, Boolean> ready) {
    var endpoints =
        ready.entrySet().stream()
            .map(
                e ->
                    new EndpointBuilder()
                        .withAddresses(e.getKey().ip)
                        .withNewConditions()
                        .withReady(e.getValue())
                        .endConditions()
                        .build())
            .toList();
    var slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName(service + "-test")
            .withNamespace(ns)
            .withLabels(
                Map.of(
                    "kubernetes.io/service-name",
                    service,
                    "endpointslice.kubernetes.io/managed-by",
                    "modelops-test"))
            .endMetadata()
            .withAddressType("IPv4")
            .withEndpoints(endpoints)
            .addNewPort()
            .withName("http")
            .withPort(FakePod.PORT)
            .withProtocol("TCP")
            .endPort()
            .addNewPort()
            .withName("metrics")
            .withPort(FakePod.PORT)
            .withProtocol("TCP")
            .endPort()
            .build();
    client.resource(slice).createOr(existing -> existing.update());
  }

  /** Opens {@code n} connections through {@code address}; which fake pod answered, how often. */
  static Map<String, Integer> count(InetSocketAddress address, int n) throws IOException {
    var counts = new TreeMap<String, Integer>();
    for (int i = 0; i < n; i++) {
      counts.merge(viaTcp(address), 1, Integer::sum);
    }
    return counts;
  }

  static String viaTcp(InetSocketAddress address) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(address, 2000);
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      int body = response.indexOf("\r\n\r\n");
      return body < 0 ? "<no response>" : response.substring(body + 4);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
