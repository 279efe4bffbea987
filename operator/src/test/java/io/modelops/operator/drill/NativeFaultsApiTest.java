package io.modelops.operator.drill;

import static io.modelops.operator.drill.Drills.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultInjectionSpec;
import io.modelops.api.v1alpha1.FaultMode;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.api.v1alpha1.PrometheusProbe;
import io.modelops.api.v1alpha1.SteadyStateSpec;
import io.modelops.operator.model.FaultInjection;
import io.modelops.operator.testing.Conflicts;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Native engine's runtime faults, NetworkPartition and NodeDrain on the mock API server, with
 * the ModelDeployment reconciler and the fake Deployment controller. The runtime's fault admin API
 * is a local HTTP server standing in for every pod (the engine's address resolver points at it).
 */
@EnableKubernetesMockClient(crud = true)
class NativeFaultsApiTest {

  KubernetesClient client;
  KubernetesMockServer server;
  FakeKubeController fake;
  OperatorHarness operator;
  DrillOperator drills;
  HttpServer admin;
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> queries = new CopyOnWriteArrayList<>();
  volatile boolean faultActive;
  final List<String> evictions = new CopyOnWriteArrayList<>();
  final ExecutorService background = Executors.newSingleThreadExecutor();

  @BeforeEach
  void start() throws IOException {
    admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    admin.createContext(
        "/admin/faults",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          calls.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body);
          int status;
          switch (exchange.getRequestMethod()) {
            case "POST" -> {
              faultActive = true;
              status = 201;
            }
            case "DELETE" -> {
              faultActive = false;
              status = 200;
            }
            default -> status = 200;
          }
          byte[] answer =
              (faultActive ? "{\"faults\":[{\"type\":\"latency\"}]}" : "{\"faults\":[]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    // The runtime's own metrics, read for the probe's default rate: 1000 requests in 2.5 s.
    admin.createContext(
        "/metrics",
        exchange -> {
          byte[] text =
              ("modelops_runtime_request_duration_seconds_sum{code=\"200\"} 2.5\n"
                      + "modelops_runtime_request_duration_seconds_count{code=\"200\"} 1000\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, text.length);
          exchange.getResponseBody().write(text);
          exchange.close();
        });
    // Prometheus's HTTP API, for the steady-state checks: every query is at 0.12.
    admin.createContext(
        "/api/v1/query",
        exchange -> {
          queries.add(exchange.getRequestURI().getQuery());
          byte[] text =
              ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                      + "[{\"metric\":{},\"value\":[1.0,\"0.12\"]}]}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, text.length);
          exchange.getResponseBody().write(text);
          exchange.close();
        });
    admin.start();
    String base = "http://127.0.0.1:" + admin.getAddress().getPort();
    fake = new FakeKubeController(client).start();
    operator = OperatorHarness.start(client);
    drills =
        DrillOperator.start(
            client,
            Clock.systemUTC(),
            DrillSettings.defaults(),
            new FakeProbers(Clock.systemUTC()),
            new SimpleMeterRegistry(),
            pod -> base);
  }

  @AfterEach
  void stop() {
    drills.close();
    operator.close();
    fake.close();
    admin.stop(0);
    background.shutdownNow();
  }

  private void healthy(ModelDeployment md) {
    client.resource(md).create();
    String name = md.getMetadata().getName();
    Drills.eventually()
        .until(
            () -> {
              var m = client.resources(ModelDeployment.class).inNamespace(NS).withName(name).get();
              return m.getStatus() != null && m.getStatus().getPhase() == Phase.Healthy;
            });
  }

  private static ModelDeployment optedIn(String name, int replicas) {
    ModelDeployment md = ModelDeployments.sample(NS, name, replicas);
    FaultInjectionSpec on = new FaultInjectionSpec();
    on.setEnabled(true);
    md.getSpec().getRuntime().setFaultInjection(on);
    return md;
  }

  private DrillRun latency(String name, String md, String duration) {
    DrillRun run = Drills.run(name, md, FaultType.RuntimeLatency, duration);
    run.getSpec().getFault().setLatency("200ms");
    return run;
  }

  @Test
  void aRuntimeFaultOnADeploymentThatDidNotOptInIsRefused() {
    healthy(ModelDeployments.sample(NS, "plain", 1));
    client.resource(latency("slow", "plain", "2s")).create();

    DrillRun run =
        Drills.await(client, "slow", r -> r.getStatus().getPhase() == DrillRunPhase.Failed);

    assertEquals(DrillVerdict.Error, run.getStatus().getVerdict());
    assertEquals("Unsupported", run.getStatus().getReason());
    assertTrue(
        run.getStatus().getMessage().contains("spec.runtime.faultInjection.enabled"),
        run.getStatus().getMessage());
    assertNull(run.getStatus().getFaults(), "nothing recorded, nothing injected");
    assertTrue(calls.isEmpty(), "the admin API was not called: " + calls);
  }

  @Test
  void runtimeLatencyIsSetWithTheTokenForTheDrillsDurationAndClearedAtTheEnd() {
    healthy(optedIn("ranker", 1));
    String token =
        FaultInjection.token(client.secrets().inNamespace(NS).withName("ranker-fault-token").get());
    assertNotNull(token);
    client.resource(latency("slow", "ranker", "2s")).create();

    DrillRun observing =
        Drills.await(client, "slow", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);
    InjectedFault fault = observing.getStatus().getFaults().get(0);
    assertEquals("Secret/ranker-fault-token", fault.getObject());
    assertEquals(1, fault.getTargets().size());
    assertEquals(
        "POST /admin/faults Bearer "
            + token
            + " {\"type\":\"latency\",\"duration\":\"2000ms\",\"latency\":\"200ms\"}",
        calls.get(0));
    assertTrue(
        new NativeEngine(
                client,
                new java.util.Random(),
                p -> "http://127.0.0.1:" + admin.getAddress().getPort())
            .active(NS, fault),
        "active() asks the runtime");

    DrillRun done =
        Drills.await(client, "slow", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);
    assertEquals(DrillVerdict.Passed, done.getStatus().getVerdict(), done.getStatus().getMessage());
    assertEquals(
        400, done.getStatus().getProbes().getCapacityPerSecond(), "1000 requests in 2.5 s");
    assertEquals(4, done.getStatus().getProbes().getRatePerSecond(), "1% of the capacity");
    assertTrue(
        calls.contains("DELETE /admin/faults/latency Bearer " + token + " "),
        "cleared with the token: " + calls);
    assertFalse(faultActive);
    assertNotNull(done.getStatus().getFaults().get(0).getRemovedTime());
  }

  @Test
  void aBreachedPrometheusCheckAbortsTheDrillLikeAnSloBurn() {
    healthy(ModelDeployments.sample(NS, "watched", 1));
    DrillRun run = Drills.run("watched-kill", "watched", FaultType.PodKill, "1h");
    PrometheusProbe check = new PrometheusProbe();
    check.setName("error-ratio");
    check.setQuery("sum(rate(errors[1m]))");
    check.setMax("0.05");
    SteadyStateSpec steady = new SteadyStateSpec();
    steady.setPrometheusAddress("http://127.0.0.1:" + admin.getAddress().getPort());
    steady.setPrometheus(List.of(check));
    run.getSpec().setSteadyState(steady);
    client.resource(run).create();

    DrillRun done =
        Drills.await(
            client, "watched-kill", r -> r.getStatus().getPhase() == DrillRunPhase.Aborted);

    assertEquals(DrillVerdict.Aborted, done.getStatus().getVerdict());
    assertEquals("SloBurn", done.getStatus().getReason());
    assertEquals(
        "Prometheus check error-ratio (sum(rate(errors[1m]))) = 0.12, above max 0.05",
        done.getStatus().getMessage());
    var result = done.getStatus().getProbes().getPrometheus().get(0);
    assertEquals("0.12", result.getValue());
    assertEquals(false, result.getPassed());
    assertTrue(queries.get(0).startsWith("query=sum(rate(errors[1m]))&time="), "sent: " + queries);
    assertNotNull(done.getStatus().getFaults().get(0).getRemovedTime());
  }

  @Test
  void networkPartitionLabelsThePodsAndDeniesTheirTrafficUntilTheEnd() {
    healthy(ModelDeployments.sample(NS, "part", 2));
    client.resource(Drills.run("cut", "part", FaultType.NetworkPartition, "3s")).create();

    DrillRun observing =
        Drills.await(client, "cut", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);
    InjectedFault fault = observing.getStatus().getFaults().get(0);
    assertEquals("NetworkPolicy/drill-partition-cut", fault.getObject());
    var policy =
        client
            .network()
            .v1()
            .networkPolicies()
            .inNamespace(NS)
            .withName("drill-partition-cut")
            .get();
    assertNotNull(policy);
    assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
    assertEquals(
        "cut", policy.getSpec().getPodSelector().getMatchLabels().get(NetworkPartitions.LABEL));
    String target = fault.getTargets().get(0);
    assertEquals(
        "cut",
        client
            .pods()
            .inNamespace(NS)
            .withName(target)
            .get()
            .getMetadata()
            .getLabels()
            .get(NetworkPartitions.LABEL));

    DrillRun done =
        Drills.await(client, "cut", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);
    assertNotNull(done.getStatus().getFaults().get(0).getRemovedTime());
    assertNull(
        client
            .network()
            .v1()
            .networkPolicies()
            .inNamespace(NS)
            .withName("drill-partition-cut")
            .get());
    Pod after = client.pods().inNamespace(NS).withName(target).get();
    assertFalse(
        after.getMetadata().getLabels().containsKey(NetworkPartitions.LABEL),
        "label removed: " + after.getMetadata().getLabels());
  }

  @Test
  void nodeDrainCordonsEvictsRetriesARefusalAndUncordonsOnlyItsOwnNodes() {
    healthy(ModelDeployments.sample(NS, "drain", 2));
    List<Pod> pods = client.pods().inNamespace(NS).list().getItems();
    assertEquals(2, pods.size());
    String[] nodes = {"node-a", "node-b"};
    for (int i = 0; i < 2; i++) {
      String node = nodes[i];
      String podName = pods.get(i).getMetadata().getName();
      client
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(node)
                  .endMetadata()
                  .withNewSpec()
                  .withUnschedulable(node.equals("node-b") ? true : null)
                  .endSpec()
                  .build())
          .create();
      Conflicts.retry(
          () ->
              client
                  .pods()
                  .inNamespace(NS)
                  .withName(podName)
                  .edit(
                      p -> {
                        p.getSpec().setNodeName(node);
                        return p;
                      }));
    }
    // The mock API server has no Eviction API: stand in for it. The pod on node-a is refused once
    // (a PodDisruptionBudget allowing no disruption: 429), then evicted like the other.
    String onA = pods.get(0).getMetadata().getName();
    server
        .expect()
        .post()
        .withPath(eviction(onA))
        .andReturn(429, "{\"kind\":\"Status\",\"code\":429,\"reason\":\"TooManyRequests\"}")
        .once();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      server
          .expect()
          .post()
          .withPath(eviction(name))
          .andReply(
              201,
              request -> {
                evictions.add(name);
                background.submit(() -> client.pods().inNamespace(NS).withName(name).delete());
                return "{\"kind\":\"Status\",\"code\":201,\"status\":\"Success\"}";
              })
          .always();
    }
    DrillRun run = Drills.run("drain-all", "drain", FaultType.NodeDrain, "3s");
    run.getSpec().getFault().setMode(FaultMode.All);
    client.resource(run).create();

    DrillRun observing =
        Drills.await(client, "drain-all", r -> r.getStatus().getPhase() == DrillRunPhase.Observing);
    InjectedFault fault = observing.getStatus().getFaults().get(0);
    assertEquals(List.of("node-a", "node-b"), fault.getTargets());
    assertEquals(List.of("node-a"), fault.getCordonedNodes(), "node-b was cordoned already");
    assertTrue(client.nodes().withName("node-a").get().getSpec().getUnschedulable());
    Drills.eventually()
        .until(
            () ->
                pods.stream()
                    .allMatch(
                        p ->
                            client.pods().inNamespace(NS).withName(p.getMetadata().getName()).get()
                                == null));

    DrillRun done =
        Drills.await(client, "drain-all", r -> r.getStatus().getPhase() == DrillRunPhase.Completed);
    assertEquals(DrillVerdict.Passed, done.getStatus().getVerdict(), done.getStatus().getMessage());
    assertTrue(evictions.contains(onA), "the refused eviction was tried again: " + evictions);
    assertNotEquals(true, client.nodes().withName("node-a").get().getSpec().getUnschedulable());
    assertTrue(
        client.nodes().withName("node-b").get().getSpec().getUnschedulable(),
        "a node cordoned before the drill stays cordoned");
  }

  private static String eviction(String pod) {
    return "/api/v1/namespaces/" + NS + "/pods/" + pod + "/eviction";
  }

  private static void assertNotEquals(Object unexpected, Object actual) {
    org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual);
  }
}
