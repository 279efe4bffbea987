package io.modelops.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.reconciler.ModelDeploymentReconciler;
import io.modelops.operator.reconciler.ReconcileMetrics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The operator alone in its own JVM (so that its heap can be measured), talking to the API server
 * of the kubeconfig given as the only argument: the reconciler on plain java-operator-sdk (no
 * Quarkus, no leader election), server-side apply as in production unless {@code
 * -Dbench.ssa=false}, a resync every {@code bench.resyncSeconds} when set. Prints {@code
 * OPERATOR-STARTED}, then answers {@code report} on stdin with one {@code REPORT {json}} line
 * (heap, GC, CPU, reconcile counts; {@code baseline} does the same, then resets the heap peaks) and
 * exits on {@code stop} or EOF.
 */
public final class OperatorMain {

  /** The operator's user agent. */
  static final String OPERATOR_CLIENT = "modelops-operator";

  /** The operator's own API requests, by "VERB resource" (counted client-side). */
  private static final RequestTally REQUESTS = new RequestTally();

  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
    config.setUserAgent(OPERATOR_CLIENT);
    MeterRegistry registry = new SimpleMeterRegistry();
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                b -> b.addOrReplaceInterceptor("request-counter", REQUESTS))
            .build()) {
      Operator operator = start(client, registry);
      try {
        System.out.println("OPERATOR-STARTED");
        System.out.flush();
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.trim().equals("report") || line.trim().equals("baseline")) {
            System.out.println("REPORT " + report(registry));
            System.out.flush();
            if (line.trim().equals("baseline")) {
              ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            }
          } else if (line.trim().equals("stop")) {
            break;
          }
        }
      } finally {
        operator.stop();
      }
    }
    System.exit(0);
  }

  /** Registers the reconciler and starts the operator (returns once informers are synced). */
  private static Operator start(KubernetesClient client, MeterRegistry registry) {
    boolean ssa = Boolean.parseBoolean(System.getProperty("bench.ssa", "true"));
    long resync = Long.getLong("bench.resyncSeconds", 0);
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(ssa)
                    .withSSABasedCreateUpdateMatchForDependentResources(ssa)
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(true));
    operator.register(
        new ModelDeploymentReconciler(
            OperatorSettings.defaults(), new ReconcileMetrics(registry), Clock.systemUTC()),
        o -> {
          if (resync > 0) {
            o.withReconciliationMaxInterval(Duration.ofSeconds(resync));
          }
        });
    operator.start();
    return operator;
  }

  private static String report(MeterRegistry registry) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode r = mapper.createObjectNode();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    r.put("heapPeakSumOfPoolsBytes", peak);
    r.put("heapMaxBytes", Runtime.getRuntime().maxMemory());
    r.put("heapUsedBeforeGcBytes", usedHeap());
    System.gc();
    r.put("heapUsedAfterGcBytes", usedHeap());
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    r.put("gcCount", gcCount);
    r.put("gcMillis", gcMillis);
    r.put(
        "cpuMillis",
        ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L));
    Timer t = registry.find("modelops.reconcile.duration").timer();
    r.put("reconciles", t == null ? -1 : t.count());
    r.put("reconcileMillisTotal", t == null ? -1 : (long) t.totalTime(TimeUnit.MILLISECONDS));
    r.put("reconcileMillisMax", t == null ? -1 : (long) t.max(TimeUnit.MILLISECONDS));
    double errors = 0;
    for (Counter c : registry.find("modelops.reconcile.errors").counters()) {
      errors += c.count();
    }
    r.put("reconcileErrors", (long) errors);
    r.set("requests", mapper.valueToTree(REQUESTS.snapshot()));
    ObjectNode threads = r.putObject("threadCpuSeconds");
    ThreadCpu.Snapshot now = ThreadCpu.take();
    ThreadCpu.between(new ThreadCpu.Snapshot(java.util.Map.of(), java.util.Map.of()), now)
        .forEach(threads::put);
    return r.toString();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
