package io.modelops.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.e2e.apiserver.RequestCounter;
import io.modelops.e2e.demo.LocalCluster;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of one benchmark run.
 *
 * @param n ModelDeployments created
 * @param ready how many were Ready at the end
 * @param createSeconds time to create them all
 * @param convergeSeconds time from the first create until all were Ready
 * @param requests API requests by client/verb/resource with server time
 * @param operatorReport the operator JVM's own report (heap, GC, CPU, reconciles)
 * @param harnessCpu CPU seconds of the harness JVM (API server, fake controller, driver) by thread
 *     group
 * @param loadAverage the machine's 1-minute load average at the start and at the end
 */
record BenchResult(
    int n,
    int ready,
    double createSeconds,
    double convergeSeconds,
    Map<RequestCounter.Key, RequestCounter.Stats> requests,
    JsonNode operatorReport,
    Map<String, Double> harnessCpu,
    double[] loadAverage) {

  private static final double MIB = 1024 * 1024;

  boolean converged() {
    return ready >= n;
  }

  long requestsOf(String client) {
    return requests.entrySet().stream()
        .filter(e -> e.getKey().client().equals(client))
        .mapToLong(e -> e.getValue().count())
        .sum();
  }

  double serverSecondsOf(String client) {
    return requests.entrySet().stream()
            .filter(e -> e.getKey().client().equals(client))
            .mapToLong(e -> e.getValue().serverNanos())
            .sum()
        / 1e9;
  }

  long reconciles() {
    return operatorReport.path("reconciles").asLong();
  }

  double requestsPerReconcile() {
    return reconciles() <= 0
        ? Double.NaN
        : (double) requestsOf(LocalCluster.OPERATOR_CLIENT) / reconciles();
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "N=%d: %d Ready in %.1f s (create %.1f s); %d reconciles, %d operator requests (%.2f per"
            + " reconcile); operator heap peak %.0f MiB, live after GC %.0f MiB, CPU %.1f s",
        n,
        ready,
        convergeSeconds,
        createSeconds,
        reconciles(),
        requestsOf(LocalCluster.OPERATOR_CLIENT),
        requestsPerReconcile(),
        operatorReport.path("heapPeakSumOfPoolsBytes").asLong() / MIB,
        operatorReport.path("heapUsedAfterGcBytes").asLong() / MIB,
        operatorReport.path("cpuMillis").asLong() / 1000.0);
  }

  static String markdown(List<BenchResult> results, String xmx, int perNamespace) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Operator -Xmx%s (SerialGC); %s.%n%n",
            xmx,
            perNamespace <= 0
                ? "all ModelDeployments in one namespace"
                : perNamespace + " per namespace"));
    sb.append(
        "| N | Ready | all Ready (s) | create (s) | reconciles | operator requests | requests/reconcile"
            + " | reconcile mean (ms) | heap peak (MiB) | live after GC (MiB) | GCs (count / ms) |"
            + " operator CPU (s) |"
            + " API server busy: operator / fake controller / driver (s) |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (BenchResult r : results) {
      JsonNode op = r.operatorReport();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.1f | %.1f | %d | %d | %.2f | %.1f | %.0f | %.0f | %d / %d | %.1f | %.1f / %.1f /"
                  + " %.1f |%n",
              r.n(),
              r.ready(),
              r.convergeSeconds(),
              r.createSeconds(),
              r.reconciles(),
              r.requestsOf(LocalCluster.OPERATOR_CLIENT),
              r.requestsPerReconcile(),
              r.reconciles() > 0
                  ? (double) op.path("reconcileMillisTotal").asLong() / r.reconciles()
                  : Double.NaN,
              op.path("heapPeakSumOfPoolsBytes").asLong() / MIB,
              op.path("heapUsedAfterGcBytes").asLong() / MIB,
              op.path("gcCount").asLong(),
              op.path("gcMillis").asLong(),
              op.path("cpuMillis").asLong() / 1000.0,
              r.serverSecondsOf(LocalCluster.OPERATOR_CLIENT),
              r.serverSecondsOf(LocalCluster.CONTROLLER_CLIENT),
              r.serverSecondsOf(ConvergenceBenchmark.DRIVER_CLIENT)));
    }
    for (BenchResult r : results) {
      double total = r.harnessCpu().values().stream().mapToDouble(Double::doubleValue).sum();
      sb.append(
          String.format(
              Locale.ROOT,
              "%nN=%d: machine load average %.1f at start, %.1f at end; CPU seconds: operator JVM"
                  + " %.1f, harness JVM %.1f, of which by thread group:%n%n",
              r.n(),
              r.loadAverage()[0],
              r.loadAverage()[1],
              r.operatorReport().path("cpuMillis").asLong() / 1000.0,
              total));
      r.harnessCpu().entrySet().stream()
          .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
          .limit(8)
          .forEach(
              e ->
                  sb.append(
                      String.format(Locale.ROOT, "- %s: %.1f s%n", e.getKey(), e.getValue())));
    }
    for (BenchResult r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%nN=%d: operator JVM CPU seconds by thread group (JIT and GC threads included):%n%n",
              r.n()));
      List<Map.Entry<String, JsonNode>> groups = new java.util.ArrayList<>();
      r.operatorReport().path("threadCpuSeconds").fields().forEachRemaining(groups::add);
      groups.stream()
          .sorted(Comparator.comparingDouble(e -> -e.getValue().asDouble()))
          .limit(8)
          .forEach(
              e ->
                  sb.append(
                      String.format(
                          Locale.ROOT, "- %s: %.1f s%n", e.getKey(), e.getValue().asDouble())));
    }
    for (BenchResult r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%nRequests at N=%d (client verb resource: count, server ms):%n%n",
              r.n()));
      r.requests().entrySet().stream()
          .sorted(Comparator.comparingLong(e -> -e.getValue().count()))
          .forEach(
              e ->
                  sb.append(
                      String.format(
                          Locale.ROOT,
                          "- %s: %d, %.0f ms%n",
                          e.getKey(),
                          e.getValue().count(),
                          e.getValue().serverNanos() / 1e6)));
    }
    return sb.toString();
  }
}
