package io.modelops.runtime.bench;

/**
 * One measured scenario: the closed-loop capacity run, the open-loop latency run at a fixed arrival
 * rate, and (for the server) its own non-compute and inference time per request over each run, in
 * microseconds, as scraped from its {@code /metrics}; and the CPU time the server process and the
 * load generator's process spent per request during the closed-loop run.
 */
record ScenarioResult(
    String name,
    int batch,
    LoadResult closed,
    LoadResult open,
    ServerTimes closedServer,
    ServerTimes openServer,
    double serverCpuMicrosPerRequest,
    double clientCpuMicrosPerRequest) {

  /**
   * Server-side figures (NaN when not measured): times in microseconds, inference per {@code
   * session.run}, queue wait per request, and mean rows per {@code session.run}.
   */
  record ServerTimes(
      double nonComputeP50,
      double nonComputeMean,
      double inferenceMean,
      double queueWaitMean,
      double rowsPerRun) {
    static final ServerTimes NONE =
        new ServerTimes(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }
}
