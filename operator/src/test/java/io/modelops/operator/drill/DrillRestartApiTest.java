package io.modelops.operator.drill;

import static io.modelops.operator.drill.Drills.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillRunStatus;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultInjectionSpec;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.operator.model.PodStates;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator stopped while a drill is in each non-terminal phase, then a fresh one started: the
 * run must end with a verdict and a reason, its fault removed, and its finalizer must still work.
 *
 * <p>For each fault type (PodKill, ReplicaLoss, RuntimeErrors) one ModelDeployment per stopping
 * point, all drilled at once, so that one stop and one start cover every case (CI time). The first
 * operator's prober refuses to go on once its run's status shows the phase it must stop in (it
 * throws before the state machine is asked, so nothing past that phase happens); then that operator
 * is stopped and a fresh one, with working probes, is started on the same simulated clock. The
 * stopping points:
 *
 * <ul>
 *   <li>{@code pending}: created while the operator is down, never seen by the first one;
 *   <li>{@code injecting}: targets recorded ({@code RECORD}), nothing injected;
 *   <li>{@code injected}: as {@code injecting}, then the engine injects (as the old operator did
 *       just before dying, its status write lost): the new one injects again;
 *   <li>{@code observing}: the fault in place, the duration not over;
 *   <li>{@code recovering}: the duration over and the fault removed, no verdict yet;
 *   <li>{@code deleted}: observing, and the DrillRun deleted while no operator runs: the finalizer
 *       must remove the fault when an operator is back.
 * </ul>
 */
@EnableKubernetesMockClient(crud = true)
class DrillRestartApiTest {

  private static final List<String> STOPS =
      List.of("pending", "injecting", "injected", "observing", "recovering", "deleted");

  /** The fault types, by the prefix of their ModelDeployments' and runs' names. */
  private static final Map<String, FaultType> FAULTS =
      Map.of(
          "kill", FaultType.PodKill,
          "loss", FaultType.ReplicaLoss,
          "errors", FaultType.RuntimeErrors);

  private static final Map<String, DrillRunPhase> FREEZE =
      Map.of(
          "injecting", DrillRunPhase.Injecting,
          "injected", DrillRunPhase.Injecting,
          "observing", DrillRunPhase.Observing,
          "recovering", DrillRunPhase.Recovering,
          "deleted", DrillRunPhase.Observing);

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;
  DrillOperator drills;
  HttpServer runtimes;
  String runtimeBase;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));

  /** The stand-in runtime's fault admin API: the fault body active per pod, and every call. */
  final Map<String, String> activeFaults = new ConcurrentHashMap<>();

  final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    runtimes = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    runtimes.createContext("/pods/", exchange -> answerAdmin(exchange));
    runtimes.start();
    runtimeBase = "http://127.0.0.1:" + runtimes.getAddress().getPort() + "/pods/";
    fake = new FakeKubeController(client).start();
    operator = OperatorHarness.start(client);
  }

  @AfterEach
  void stop() {
    if (drills != null) {
      drills.close();
    }
    operator.close();
    fake.close();
    runtimes.stop(0);
  }

  /** {@code /pods/<pod>/admin/faults[/<type>]}: POST sets, DELETE clears, GET lists. */
  private void answerAdmin(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String[] path = exchange.getRequestURI().getPath().split("/");
    String pod = path[2];
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    calls.add(exchange.getRequestMethod() + " " + pod);
    int code = 200;
    switch (exchange.getRequestMethod()) {
      case "POST" -> {
        activeFaults.put(pod, body);
        code = 201;
      }
      case "DELETE" -> activeFaults.remove(pod);
      default -> {}
    }
    String active = activeFaults.get(pod);
    byte[] answer =
        ("{\"faults\":[" + (active == null ? "" : active) + "]}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  private Function<Pod, String> address() {
    return pod -> runtimeBase + pod.getMetadata().getName();
  }

  private DrillOperator drillOperator(ProberFactory probers) {
    return DrillOperator.start(
        client, clock, DrillSettings.defaults(), probers, new SimpleMeterRegistry(), address());
  }

  @Test
  void aRunLeftInAnyPhaseIsFinishedAndCleanedUpByTheNextOperator() {
    for (String md : all(STOPS)) {
      client.resource(deployment(md)).create();
    }
    Drills.eventually().until(() -> all(STOPS).stream().allMatch(this::healthy));

    drills = drillOperator(new FreezingProbers());
    // The short runs first: their duration passes while the others start.
    for (String md : all(List.of("recovering"))) {
      client.resource(run(md)).create();
    }
    for (String md : all(List.of("recovering"))) {
      Drills.await(client, md, r -> r.getStatus().getInjectionTime() != null);
    }
    clock.advance(Duration.ofSeconds(3));
    for (String md : all(List.of("injecting", "injected", "observing", "deleted"))) {
      client.resource(run(md)).create();
    }
    for (String md : all(FREEZE.keySet())) {
      Drills.await(client, md, r -> r.getStatus().getPhase() == FREEZE.get(stop(md)));
    }
    for (String md : all(List.of("recovering"))) {
      assertNotNull(Drills.get(client, md).getStatus().getFaults().get(0).getRemovedTime(), md);
    }
    for (String md : all(List.of("injecting", "injected"))) {
      assertNull(Drills.get(client, md).getStatus().getFaults().get(0).getInjectedTime(), md);
    }
    drills.close();
    drills = null;

    // While no operator runs: new runs, a status write lost after an injection, deletions.
    for (String md : all(List.of("pending"))) {
      client.resource(run(md)).create();
    }
    for (String md : all(List.of("injected"))) {
      DrillRun injected = Drills.get(client, md);
      new NativeEngine(client, new Random(), address())
          .inject(
              NS,
              injected.getSpec(),
              injected.getStatus().getFaults().get(0),
              TargetReader.read(client, NS, injected.getSpec().getTarget()));
    }
    Map<String, List<String>> deletedTargets = new java.util.HashMap<>();
    for (String md : all(List.of("deleted"))) {
      DrillRun deleted = Drills.get(client, md);
      deletedTargets.put(md, deleted.getStatus().getFaults().get(0).getTargets());
      client.resource(deleted).delete();
      assertNotNull(Drills.get(client, md), "held by its finalizer");
    }

    drills = drillOperator(new FakeProbers(clock));
    for (String md : all(List.of("pending", "injecting", "injected"))) {
      Drills.await(client, md, r -> r.getStatus().getInjectionTime() != null);
    }
    clock.advance(Duration.ofSeconds(25));
    for (String md : deletedTargets.keySet()) {
      Drills.eventually().until(() -> Drills.get(client, md) == null);
      assertFaultGone(md, deletedTargets.get(md));
    }
    List<String> finished = all(STOPS.stream().filter(s -> !s.equals("deleted")).toList());
    for (String md : finished) {
      DrillRun done = Drills.await(client, md, r -> r.getStatus().getCompletionTime() != null);
      DrillRunStatus status = done.getStatus();
      String what = md + ": " + status.getMessage();
      assertEquals(DrillRunPhase.Completed, status.getPhase(), what);
      assertEquals(DrillVerdict.Passed, status.getVerdict(), what);
      assertEquals("RtoMet", status.getReason(), what);
      InjectedFault fault = status.getFaults().get(0);
      assertNotNull(fault.getInjectedTime(), what);
      assertNotNull(fault.getRemovedTime(), what);
      assertFaultGone(md, fault.getTargets());
    }

    for (String md : finished) {
      client.resource(Drills.get(client, md)).delete();
    }
    Drills.eventually()
        .until(() -> finished.stream().allMatch(md -> Drills.get(client, md) == null));
  }

  /** {@code <fault>-<stop>} for every fault type and each of {@code stops}. */
  private static List<String> all(java.util.Collection<String> stops) {
    return FAULTS.keySet().stream().flatMap(f -> stops.stream().map(s -> f + "-" + s)).toList();
  }

  private static FaultType type(String md) {
    return FAULTS.get(md.substring(0, md.indexOf('-')));
  }

  private static String stop(String md) {
    return md.substring(md.indexOf('-') + 1);
  }

  /** The fault's effect is over: the pods and replicas back, the runtime fault cleared. */
  private void assertFaultGone(String md, List<String> targets) {
    assertFalse(targets.isEmpty(), md);
    switch (type(md)) {
      case PodKill, ReplicaLoss -> {
        if (type(md) == FaultType.PodKill) {
          for (String pod : targets) {
            assertNull(client.pods().inNamespace(NS).withName(pod).get(), md + ": " + pod);
          }
        }
        Drills.eventually().until(() -> readyPods(md) == 2);
        assertEquals(
            2,
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName(md + "-stable")
                .get()
                .getSpec()
                .getReplicas(),
            md + ": replicas restored");
      }
      case RuntimeErrors -> {
        for (String pod : targets) {
          assertTrue(calls.contains("POST " + pod), md + ": injected " + calls);
          assertTrue(calls.contains("DELETE " + pod), md + ": cleared " + calls);
          assertNull(activeFaults.get(pod), md + ": " + pod + " still faulty");
        }
      }
      default -> throw new IllegalArgumentException(md);
    }
  }

  private long readyPods(String md) {
    return client
        .pods()
        .inNamespace(NS)
        .withLabel("app.kubernetes.io/instance", md)
        .list()
        .getItems()
        .stream()
        .filter(PodStates::serving)
        .count();
  }

  private boolean healthy(String name) {
    var md = client.resources(ModelDeployment.class).inNamespace(NS).withName(name).get();
    return md.getStatus() != null && md.getStatus().getPhase() == Phase.Healthy;
  }

  /** Two replicas; a model named as the deployment (the probers tell the runs apart by it). */
  private static ModelDeployment deployment(String name) {
    ModelDeployment md = ModelDeployments.sample(NS, name, 2);
    md.getSpec().getModel().setName(name);
    if (type(name) == FaultType.RuntimeErrors) {
      FaultInjectionSpec on = new FaultInjectionSpec();
      on.setEnabled(true);
      md.getSpec().getRuntime().setFaultInjection(on);
    }
    return md;
  }

  /** The run named as its ModelDeployment: 20 s (2 s for {@code recovering}), RTO 1 m. */
  private static DrillRun run(String md) {
    FaultType type = type(md);
    DrillRun run = Drills.run(md, md, type, stop(md).equals("recovering") ? "2s" : "20s");
    run.getSpec().getRecovery().setRto("1m");
    run.getSpec().getRecovery().setTimeout("5m");
    switch (type) {
      case ReplicaLoss -> run.getSpec().getFault().setReplicas(1);
      case RuntimeErrors -> run.getSpec().getFault().setErrorRatio("0.5");
      default -> {}
    }
    return run;
  }

  /**
   * Working probes, except that a run's prober throws once that run's status (as the API server has
   * it) shows the phase the run is to be stopped in: the reconcile fails before the state machine
   * is asked, so the first operator gets no further with that run.
   */
  private final class FreezingProbers implements ProberFactory {

    private final FakeProbers working = new FakeProbers(clock);

    @Override
    public SteadyStateProber start(ProbeSpec spec) {
      String run = spec.model(); // named as its ModelDeployment and model
      SteadyStateProber inner = working.start(spec);
      return new SteadyStateProber() {
        @Override
        public void endpoints(List<String> baseUrls) {
          DrillRun now = Drills.get(client, run);
          if (now != null
              && now.getStatus() != null
              && now.getStatus().getPhase() == FREEZE.get(stop(run))) {
            throw new IllegalStateException("test: operator stops with " + run + " in this phase");
          }
          inner.endpoints(new ArrayList<>(baseUrls));
        }

        @Override
        public ProbeStats stats() {
          return inner.stats();
        }

        @Override
        public void close() {
          inner.close();
        }
      };
    }
  }
}
