package io.modelops.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.modelops.e2e.demo.LocalCluster;
import io.modelops.operator.testing.OperatorHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The operator alone in its own JVM (so that its heap can be measured), talking to an API server
 * given by URL. Prints {@code OPERATOR-STARTED}, then answers {@code report} on stdin with one
 * {@code REPORT {json}} line (heap, GC, CPU, reconcile counts; {@code baseline} does the same, then
 * resets the heap peaks) and exits on {@code stop} or EOF.
 */
public final class OperatorMain {

  /** The operator's own API requests, by "VERB resource" (counted client-side). */
  private static final RequestTally REQUESTS = new RequestTally();

  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    Config config =
        Files.isRegularFile(kubeconfig)
            ? Config.fromKubeconfig(Files.readString(kubeconfig))
            : new ConfigBuilder(Config.empty()).withMasterUrl(args[0]).build();
    config.setUserAgent(LocalCluster.OPERATOR_CLIENT);
    // The embedded mock server speaks HTTP/1.1 only; a real kube-apiserver speaks HTTP/2, as the
    // operator uses it in production (HTTP/1.1 there meant hundreds of connections at N=1,000).
    config.setHttp2Disable(!Files.isRegularFile(kubeconfig));
    var harness =
        OperatorHarness.builder(
                new KubernetesClientBuilder()
                    .withConfig(config)
                    .withHttpClientBuilderConsumer(
                        b -> b.addOrReplaceInterceptor("request-counter", REQUESTS))
                    .build())
            .serverSideApply(Boolean.getBoolean("bench.ssa"));
    long resync = Long.getLong("bench.resyncSeconds", 0);
    if (resync > 0) {
      harness.maxReconciliationInterval(java.time.Duration.ofSeconds(resync));
    }
    try (OperatorHarness operator = harness.start()) {
      System.out.println("OPERATOR-STARTED");
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.trim().equals("report") || line.trim().equals("baseline")) {
          System.out.println("REPORT " + report(operator));
          System.out.flush();
          if (line.trim().equals("baseline")) {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
          }
        } else if (line.trim().equals("stop")) {
          break;
        }
      }
    }
    System.exit(0);
  }

  private static String report(OperatorHarness operator) {
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
    Timer t = operator.meterRegistry().find("modelops.reconcile.duration").timer();
    r.put("reconciles", t == null ? -1 : t.count());
    r.put("reconcileMillisTotal", t == null ? -1 : (long) t.totalTime(TimeUnit.MILLISECONDS));
    r.put("reconcileMillisMax", t == null ? -1 : (long) t.max(TimeUnit.MILLISECONDS));
    double errors = 0;
    for (Counter c : operator.meterRegistry().find("modelops.reconcile.errors").counters()) {
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
