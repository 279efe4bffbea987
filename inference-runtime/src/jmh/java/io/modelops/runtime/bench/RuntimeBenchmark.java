package io.modelops.runtime.bench;

import io.modelops.runtime.monitor.ReferenceProfile;
import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ExampleModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures, in one run and on the CTR ranker: ONNX Runtime in-process, the packaged server with
 * JSON and with binary tensors at several batch sizes, and the server's dynamic batching on vs off
 * with many concurrent batch-1 clients. Writes a Markdown report (see {@code docs/benchmarks.md}).
 *
 * <p>Run with {@code ./mvnw -B -ntp -pl inference-runtime -am -Pbench -DskipTests package}
 * (arguments through {@code -Dbench.args="--duration-ms=8000 ..."}, see {@link BenchOptions}).
 */
public final class RuntimeBenchmark {

  static final String MODEL_NAME = "ctr";
  static final String MODEL_VERSION = "2026-11-13";
  private static final float SCORE_TOLERANCE = 1e-4f;
  private static final String QUEUE_WAIT_METRIC = "modelops_runtime_queue_wait_seconds";
  private static final String BATCH_ROWS_METRIC = "modelops_runtime_batch_size_rows";

  final BenchOptions options;

  /** Version of the compute-heavy variant ({@code --model=heavy}). */
  static final String HEAVY_VERSION = "heavy-2026-12-01";

  private final CtrRankerModel model;

  /** Before {@code --pin} narrows this JVM to one CPU. */
  private final int cpus = Runtime.getRuntime().availableProcessors();

  final Report report;
  private final Path work;
  final Path modelFile;

  private RuntimeBenchmark(BenchOptions options) throws IOException {
    this.options = options;
    boolean heavy = options.model().equals("heavy");
    this.model =
        heavy
            ? CtrRankerModel.heavy(
                HEAVY_VERSION, options.heavyLayers().stream().mapToInt(Integer::intValue).toArray())
            : CtrRankerModel.forVersion(MODEL_VERSION);
    // targets of issue 11 item 3: never worse on the cheap model, 3x on the compute-heavy one
    this.report = new Report(heavy ? 3 : 1);
    this.work = Files.createTempDirectory("modelops-bench");
    this.modelFile = model.writeTo(work.resolve("ctr-ranker.onnx"));
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    int cpus = Runtime.getRuntime().availableProcessors();
    if (options.pinned() && Math.max(options.sutCpu(), options.clientCpu()) >= cpus) {
      throw new IllegalArgumentException(
          "--pin="
              + options.sutCpu()
              + ","
              + options.clientCpu()
              + ": this machine has CPUs 0-"
              + (cpus - 1));
    }
    String report = new RuntimeBenchmark(options).run();
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    Files.writeString(options.out(), report);
    System.out.println(report);
    System.out.println("report written to " + options.out().toAbsolutePath());
  }

  private String run() throws Exception {
    String loadBefore = loadAverage();
    Instant started = Instant.now();
    if (options.pinned()) {
      // every thread of this JVM (the load generator) on the client CPU; threads started later
      // inherit it; the in-process callers move themselves to the SUT CPU
      Affinity.pinProcess(ProcessHandle.current().pid(), options.clientCpu());
    }
    if (options.parts().contains("inprocess")) {
      runInProcess();
    }
    if (options.parts().contains("json") || options.parts().contains("binary")) {
      try (ManagedServer server = new ManagedServer(1, "server-protocols")) {
        for (Protocol protocol : List.of(Protocol.JSON, Protocol.BINARY)) {
          if (options.parts().contains(protocol.name().toLowerCase(Locale.ROOT))) {
            for (int batch : options.batches()) {
              report.add(
                  measureServer(server, protocol, protocol.label, batch, options.clients(), 0));
            }
          }
        }
      }
    }
    if (options.parts().contains("batching")) {
      runBatching();
    }
    if (options.parts().contains("monitoring")) {
      runMonitoring();
    }
    if (options.parts().contains("peers")) {
      new PeerComparison(this).run();
    }
    report.note(
        "load average before / after: "
            + loadBefore
            + " / "
            + loadAverage()
            + " (other builds share these cores)");
    return report.markdown(header(started), options.batches());
  }

  private void runInProcess() throws Exception {
    try (InProcessOrt ort = new InProcessOrt(model.toBytes(), options.ortThreads())) {
      for (int batch : options.batches()) {
        CtrPayloads payload = new CtrPayloads(batch, batch);
        check(ort.score(payload), payload, Protocol.IN_PROCESS.label);
        Caller.Factory callers = ort.callers(payload);
        if (options.pinned()) {
          Caller.Factory unpinned = callers;
          // the factory runs on the load thread that will make the calls
          callers =
              () -> {
                Affinity.pinThisThread(options.sutCpu());
                return unpinned.create();
              };
        }
        report.add(
            measure(
                Protocol.IN_PROCESS.label, batch, callers, options.inProcessClients(), null, 0));
      }
    }
  }

  /**
   * Batching off vs on, with both servers up and the pair measured {@code batching-repeats} times,
   * alternating, so that the machine's changing load hits both sides alike. Every open-loop phase
   * runs at the same rate: a fraction of the first "off" capacity.
   */
  private void runBatching() throws Exception {
    String onName =
        "batching on, max "
            + options.batchMaxSize()
            + " rows / "
            + options.batchMaxDelay()
            + " (binary)";
    try (ManagedServer off = new ManagedServer(1, "server-batching-off");
        ManagedServer on = new ManagedServer(options.batchMaxSize(), "server-batching-on")) {
      double sameRate = 0;
      for (int r = 1; r <= options.batchingRepeats(); r++) {
        String suffix = options.batchingRepeats() > 1 ? " #" + r : "";
        ScenarioResult offResult =
            measureServer(
                off,
                Protocol.BINARY,
                "batching off (binary)" + suffix,
                1,
                options.batchingClients(),
                sameRate);
        report.add(offResult);
        if (sameRate == 0) {
          sameRate = offResult.open().offeredPerSecond();
        }
        report.add(
            measureServer(
                on, Protocol.BINARY, onName + suffix, 1, options.batchingClients(), sameRate));
      }
    }
  }

  /** Batch size of the monitoring comparison (the cost target is stated at batch 64). */
  static final int MONITORING_BATCH = 64;

  /**
   * Input monitoring off vs on: two servers that differ only in {@code MODEL_PROFILE} (the model's
   * reference profile, {@link ExampleModels#referenceProfile}), binary requests of {@link
   * #MONITORING_BATCH} rows, measured in {@code batching-repeats} pairs, off then on in odd pairs
   * and on then off in even ones, so that load swings on the shared machine hit both sides alike.
   * Notes the per-pair ratios and their medians.
   */
  private void runMonitoring() throws Exception {
    ReferenceProfile reference = ExampleModels.referenceProfile(model);
    Path profile =
        Files.write(work.resolve("ctr-ranker.reference-profile.json"), reference.toBytes());
    report.note(CountingCost.measure(model, reference, 5, 100_000));
    try (ManagedServer off = new ManagedServer(1, "server-monitoring-off", Map.of());
        ManagedServer on =
            new ManagedServer(
                1, "server-monitoring-on", Map.of("MODEL_PROFILE", profile.toString()))) {
      if (!Files.readString(on.current.log()).contains("input monitoring on")
          || !Files.readString(off.current.log()).contains("input monitoring off")) {
        throw new IllegalStateException("the monitoring servers did not start as intended");
      }
      double sameRate = 0;
      StringBuilder ratios = new StringBuilder();
      List<Double> cpuRatios = new java.util.ArrayList<>();
      List<Double> rowRatios = new java.util.ArrayList<>();
      for (int r = 1; r <= options.batchingRepeats(); r++) {
        String suffix = options.batchingRepeats() > 1 ? " #" + r : "";
        // off first in odd pairs, on first in even ones, so a drifting load favours neither
        ScenarioResult a = null;
        ScenarioResult b = null;
        for (boolean monitoring :
            r % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          ScenarioResult result =
              measureServer(
                  monitoring ? on : off,
                  Protocol.BINARY,
                  (monitoring ? "monitoring on (binary)" : "monitoring off (binary)") + suffix,
                  MONITORING_BATCH,
                  options.clients(),
                  sameRate);
          report.add(result);
          if (sameRate == 0) {
            sameRate = result.open().offeredPerSecond();
          }
          if (monitoring) {
            b = result;
          } else {
            a = result;
          }
        }
        double rows = b.closed().rowsPerSecond() / a.closed().rowsPerSecond();
        double cpu = b.serverCpuMicrosPerRequest() / a.serverCpuMicrosPerRequest();
        rowRatios.add(rows);
        cpuRatios.add(cpu);
        ratios.append(
            String.format(
                Locale.ROOT,
                "%s pair %d: rows/s on/off %.3f, server CPU per request on/off %.3f (%.1f / %.1f"
                    + " µs), server non-compute mean on/off %.3f",
                ratios.length() == 0 ? "" : ";",
                r,
                rows,
                cpu,
                b.serverCpuMicrosPerRequest(),
                a.serverCpuMicrosPerRequest(),
                b.closedServer().nonComputeMean() / a.closedServer().nonComputeMean()));
      }
      ratios.append(
          String.format(
              Locale.ROOT,
              "; median over the pairs: rows/s on/off %.3f, server CPU per request on/off %.3f",
              median(rowRatios),
              median(cpuRatios)));
      report.note("input monitoring, batch " + MONITORING_BATCH + ":" + ratios);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * Measures one server scenario. If the server process was stopped from outside meanwhile (the
   * machine is shared), starts a fresh one and repeats the scenario once, noting it in the report.
   */
  ScenarioResult measureServer(
      ManagedServer server, Protocol protocol, String name, int batch, int clients, double rate)
      throws Exception {
    try {
      return measureServerOnce(server.current, protocol, name, batch, clients, rate);
    } catch (IOException e) {
      if (server.current.isAlive()) {
        throw e;
      }
      report.note(
          "the server died during '"
              + name
              + "' batch "
              + batch
              + " (see "
              + server.current.log()
              + "); it was restarted and the scenario repeated");
      server.restart();
      return measureServerOnce(server.current, protocol, name, batch, clients, rate);
    }
  }

  private ScenarioResult measureServerOnce(
      ServerProcess server, Protocol protocol, String name, int batch, int clients, double rate)
      throws Exception {
    CtrPayloads payload = new CtrPayloads(batch, batch);
    byte[] request = protocol.request(server.hostPort(), MODEL_NAME, payload);
    try (HttpConnection c = server.connect()) {
      HttpConnection.Response response = c.exchange(request);
      if (response.status() != 200) {
        throw new IOException(name + " answered " + response.status() + ": " + response.bodyText());
      }
      check(CtrPayloads.scores(response), payload, name);
    }
    Caller.Factory callers = () -> new HttpInferCaller(server.connect(), request, payload.batch());
    return measure(name, batch, callers, clients, server, rate);
  }

  /** Warm-up, closed-loop capacity, then open loop at {@code rate} (0: a fraction of capacity). */
  private ScenarioResult measure(
      String name,
      int batch,
      Caller.Factory callers,
      int clients,
      ServerProcess server,
      double rate)
      throws Exception {
    System.out.printf(Locale.ROOT, "%s, batch %d, %d clients...%n", name, batch, clients);
    LoadGenerator.closedLoop(callers, clients, options.warmup());
    String before = scrape(server);
    long clientCpu = CpuTime.thisProcess();
    long serverCpu = server == null ? 0 : server.cpuNanos();
    long serverJit = server == null ? 0 : server.compilerCpuNanos();
    LoadResult closed = LoadGenerator.closedLoop(callers, clients, options.duration());
    clientCpu = CpuTime.thisProcess() - clientCpu;
    serverCpu = server == null ? 0 : server.cpuNanos() - serverCpu;
    serverJit = server == null ? 0 : server.compilerCpuNanos() - serverJit;
    if (serverJit > 0.05 * serverCpu) {
      report.note(
          String.format(
              Locale.ROOT,
              "%s batch %d: the server's JIT compiler threads used %.0f of its %.0f ms of CPU in the"
                  + " closed loop (counted in its CPU per request; without them %.1f µs per"
                  + " request)",
              name,
              batch,
              serverJit / 1e6,
              serverCpu / 1e6,
              (serverCpu - serverJit) / 1e3 / Math.max(1, closed.requests())));
    }
    String middle = scrape(server);
    double openRate = rate > 0 ? rate : options.openLoopFraction() * closed.requestsPerSecond();
    LoadResult open =
        openRate > 0
            ? LoadGenerator.openLoop(callers, clients, openRate, options.duration())
            : null;
    String after = scrape(server);
    double requests = Math.max(1, closed.requests());
    return new ScenarioResult(
        name,
        batch,
        closed,
        open,
        serverTimes(before, middle),
        serverTimes(middle, after),
        server == null ? Double.NaN : serverCpu / 1e3 / requests,
        clientCpu / 1e3 / requests);
  }

  private String scrape(ServerProcess server) throws IOException {
    return server == null ? null : server.scrapeMetrics();
  }

  private ScenarioResult.ServerTimes serverTimes(String before, String after) {
    if (before == null || after == null) {
      return ScenarioResult.ServerTimes.NONE;
    }
    Map<String, String> all = Map.of();
    PrometheusHistogram nonCompute = delta(before, after, options.nonComputeMetric(), all);
    PrometheusHistogram inference = delta(before, after, options.inferenceMetric(), all);
    PrometheusHistogram request = delta(before, after, options.requestMetric(), all);
    double p50 = nonCompute.isEmpty() ? Double.NaN : nonCompute.quantile(0.5) * 1e6;
    double mean =
        nonCompute.isEmpty() ? (request.mean() - inference.mean()) * 1e6 : nonCompute.mean() * 1e6;
    PrometheusHistogram queueWait = delta(before, after, QUEUE_WAIT_METRIC, all);
    PrometheusHistogram batchRows = delta(before, after, BATCH_ROWS_METRIC, all);
    return new ScenarioResult.ServerTimes(
        p50, mean, inference.mean() * 1e6, queueWait.mean() * 1e6, batchRows.mean());
  }

  private static PrometheusHistogram delta(
      String before, String after, String metric, Map<String, String> labels) {
    return PrometheusHistogram.parse(after, metric, labels)
        .minus(PrometheusHistogram.parse(before, metric, labels));
  }

  ServerProcess startServer(int batchMaxSize, String logName, Map<String, String> extra)
      throws Exception {
    Map<String, String> env = new HashMap<>(extra);
    env.put("MODEL_NAME", MODEL_NAME);
    env.put("MODEL_VERSION", MODEL_VERSION);
    env.put("MODEL_URI", modelFile.toUri().toString());
    env.put("MODEL_SHA256", ExampleModels.sha256Hex(model.toBytes()));
    env.put("MODEL_CACHE_DIR", work.resolve("cache").toString());
    env.put("RUNTIME_ORT_INTRA_OP_THREADS", Integer.toString(options.ortThreads()));
    env.put("RUNTIME_ORT_INTER_OP_THREADS", "1");
    // as many session.run workers as the in-process baseline has caller threads
    env.put("RUNTIME_WORKER_THREADS", Integer.toString(options.clients()));
    env.put("RUNTIME_BATCH_MAX_SIZE", Integer.toString(batchMaxSize));
    env.put("RUNTIME_BATCH_MAX_QUEUE_DELAY", options.batchMaxDelay());
    Path log = options.out().toAbsolutePath().getParent().resolve(logName + ".log");
    List<String> launcher = options.pinned() ? Affinity.launchPrefix(options.sutCpu()) : List.of();
    return ServerProcess.start(options.jar(), env, launcher, serverJvmArgs(logName), log);
  }

  /**
   * With {@code --server-jfr=PERIOD}, every server records a JFR file next to its log, sampling
   * Java stacks every PERIOD (read it with {@code jfr print --events jdk.ExecutionSample}).
   */
  private List<String> serverJvmArgs(String logName) {
    if (options.serverJfr().isEmpty()) {
      return List.of();
    }
    Path jfr = options.out().toAbsolutePath().getParent().resolve(logName + ".jfr");
    return List.of(
        "-XX:StartFlightRecording:filename="
            + jfr
            + ",settings=profile,jdk.ExecutionSample#period="
            + options.serverJfr());
  }

  /** Starts a server whose output goes to the log named {@code logName}. */
  interface Starter {
    ServerProcess start(String logName) throws Exception;
  }

  /** A server process that can be replaced when something outside the benchmark stops it. */
  final class ManagedServer implements AutoCloseable {
    private final Starter starter;
    private final String logName;
    private final List<Protocol> protocols;
    private int starts;
    private ServerProcess current;

    ManagedServer(int batchMaxSize, String logName) throws Exception {
      this(batchMaxSize, logName, Map.of());
    }

    ManagedServer(int batchMaxSize, String logName, Map<String, String> extraEnv) throws Exception {
      this(
          name -> startServer(batchMaxSize, name, extraEnv),
          logName,
          List.of(Protocol.JSON, Protocol.BINARY));
    }

    /** {@code protocols}: what the server speaks, and so what its warm-up sends. */
    ManagedServer(Starter starter, String logName, List<Protocol> protocols) throws Exception {
      this.starter = starter;
      this.logName = logName;
      this.protocols = protocols;
      restart();
    }

    ServerProcess current() {
      return current;
    }

    void restart() throws Exception {
      if (current != null) {
        current.close();
      }
      starts++;
      String name = starts == 1 ? logName : logName + "-" + starts;
      current = starter.start(name);
      warmUp(current, protocols, name);
    }

    @Override
    public void close() throws InterruptedException {
      current.close();
    }
  }

  /**
   * Sends every request shape the run will use (JSON and binary where the server speaks it, every
   * batch size) to a fresh server before anything is timed, so that no scenario measures the
   * server's JIT warm-up. A server measured cold spent several times the CPU per request of the
   * same server warm.
   */
  private void warmUp(ServerProcess server, List<Protocol> protocols, String logName)
      throws Exception {
    Duration each = options.warmup().dividedBy(2);
    long started = System.nanoTime();
    int rounds = 0;
    long compiling;
    long roundNanos;
    int pending;
    boolean settled;
    do {
      long jit = server.compilerCpuNanos();
      long roundStart = System.nanoTime();
      for (Protocol protocol : protocols) {
        for (int batch : options.batches()) {
          CtrPayloads payload = new CtrPayloads(batch, batch);
          byte[] request = protocol.request(server.hostPort(), MODEL_NAME, payload);
          LoadGenerator.closedLoop(
              () -> new HttpInferCaller(server.connect(), request, batch), options.clients(), each);
        }
      }
      rounds++;
      roundNanos = System.nanoTime() - roundStart;
      compiling = server.compilerCpuNanos() - jit;
      pending = server.pendingCompilations();
      settled = compiling <= JIT_SETTLED_SHARE * roundNanos && pending <= 0;
    } while (!settled && System.nanoTime() - started < JIT_SETTLE_MAX.toNanos());
    report.note(
        String.format(
            Locale.ROOT,
            "%s warmed for %.1f s (%d round%s of every request shape); JIT compiler threads in the"
                + " last round: %.0f ms of CPU, %s compilations pending after it (%s)",
            logName,
            (System.nanoTime() - started) / 1e9,
            rounds,
            rounds == 1 ? "" : "s",
            compiling / 1e6,
            pending < 0 ? "unknown" : Integer.toString(pending),
            settled
                ? "settled"
                : "still compiling at the " + JIT_SETTLE_MAX.toSeconds() + " s limit"));
  }

  /**
   * The server's warm-up repeats until its JIT compiler threads used at most this share of one
   * round's wall time and {@code jcmd} shows no compilation running or queued: on a loaded machine
   * (or a server pinned to one CPU) C2 can still be compiling the request path after a fixed
   * warm-up, and its CPU would be charged to the requests measured (it was 65 % of a pinned
   * server's CPU in one profile).
   */
  static final double JIT_SETTLED_SHARE = 0.02;

  /** The longest the server's warm-up waits for its JIT to settle. */
  static final Duration JIT_SETTLE_MAX = Duration.ofSeconds(60);

  private void check(float[] actual, CtrPayloads payload, String what) {
    float[] expected = model.score(payload.ids, payload.dense);
    if (actual.length != expected.length) {
      throw new IllegalStateException(
          what + " returned " + actual.length + " scores for " + expected.length + " rows");
    }
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(actual[i] - expected[i]) > SCORE_TOLERANCE) {
        throw new IllegalStateException(
            what + " row " + i + ": score " + actual[i] + ", expected " + expected[i]);
      }
    }
  }

  private String header(Instant started) throws IOException {
    return String.format(
        Locale.ROOT,
        "Run %s; model %s; %d CPUs seen by the JVM (%s), Java %s; ORT intra-op threads %d; warm-up %d ms,"
            + " %d ms per phase; open loop at %.0f%% of the closed-loop capacity; %d clients for"
            + " the protocol rows, %d for the batching rows (%d off/on pairs).%s%n",
        started,
        options.model().equals("heavy")
            ? "CTR ranker, heavy variant (hidden layers "
                + options.heavyLayers()
                + ", "
                + Files.size(modelFile) / 1_000_000
                + " MB)"
            : "CTR ranker " + MODEL_VERSION,
        cpus,
        cpuModel(),
        System.getProperty("java.version"),
        options.ortThreads(),
        options.warmup().toMillis(),
        options.duration().toMillis(),
        options.openLoopFraction() * 100,
        options.clients(),
        options.batchingClients(),
        options.batchingRepeats(),
        options.pinned()
            ? String.format(
                Locale.ROOT,
                " Pinned (--pin): in-process ORT (1 caller thread) and every server thread on CPU"
                    + " %d, the load generator on CPU %d.",
                options.sutCpu(),
                options.clientCpu())
            : "");
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
