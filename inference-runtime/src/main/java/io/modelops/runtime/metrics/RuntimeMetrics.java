package io.modelops.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * All runtime metrics (names and labels are a contract, documented in docs/runtime.md). Every meter
 * carries {@code model} and {@code version} labels.
 */
public final class RuntimeMetrics {
  public static final String PREFIX = "modelops.runtime.";

  /**
   * The one bucket list of every latency histogram (request, inference, queue wait, overhead): 1,
   * 2.5, 5 per decade from 5 µs to 10 s (seconds in the exposition), so a 20 µs overhead and a 3 s
   * stall are both visible and p99 is computable. Documented in docs/runtime.md.
   */
  static final Duration[] LATENCY_BUCKETS =
      micros(
          5,
          10,
          25,
          50,
          100,
          250,
          500,
          1_000,
          2_500,
          5_000,
          10_000,
          25_000,
          50_000,
          100_000,
          250_000,
          500_000,
          1_000_000,
          2_500_000,
          5_000_000,
          10_000_000);

  /**
   * Window of the {@code _max} gauges: the largest value recorded in the last {@code
   * MAX_WINDOW_ROTATIONS - 1} to {@code MAX_WINDOW_ROTATIONS} thirds of this (80 to 120 s).
   */
  static final Duration MAX_WINDOW = Duration.ofMinutes(2);

  static final int MAX_WINDOW_ROTATIONS = 3;

  private static final double[] BATCH_BUCKETS = {
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096
  };

  private final PrometheusMeterRegistry registry;
  private final Tags tags;
  private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
  private final Map<Integer, Timer> durationByStatus = new ConcurrentHashMap<>();
  private final Map<String, Counter> taggedCounters = new ConcurrentHashMap<>();
  private final OutputValueHistogram outputValues;
  private final String model;
  private final String version;
  private volatile Timer inferenceDuration;
  private final Timer queueWait;
  private final Timer overhead;
  private final DistributionSummary batchSize;
  private final AtomicLong modelReady = new AtomicLong();
  private final AtomicLong loadMillis = new AtomicLong(-1);

  public RuntimeMetrics(String model, String version) {
    this(model, version, true);
  }

  /**
   * Metrics that no one scrapes, for the warm-up's own serving path: the same meters, without the
   * JVM and process binders (whose GC listeners would outlive it).
   */
  public static RuntimeMetrics unscraped(String model, String version) {
    return new RuntimeMetrics(model, version, false);
  }

  private RuntimeMetrics(String model, String version, boolean processMetrics) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.tags = Tags.of("model", model, "version", version);
    this.model = model;
    this.version = version;
    // every output value of every batch is counted: a batch is tallied locally, then added once
    this.outputValues = new OutputValueHistogram(model, version);
    registry.getPrometheusRegistry().register(outputValues);
    this.queueWait =
        timer("queue.wait", "Time a request waited before its batch started").register(registry);
    this.overhead =
        timer(
                "request.overhead",
                "Server time per request outside session.run (decode, queue, encode)")
            .register(registry);
    this.batchSize =
        DistributionSummary.builder(PREFIX + "batch.size")
            .description("Rows per session.run")
            .baseUnit("rows")
            .tags(tags)
            .serviceLevelObjectives(BATCH_BUCKETS)
            .distributionStatisticExpiry(MAX_WINDOW)
            .distributionStatisticBufferLength(MAX_WINDOW_ROTATIONS)
            .register(registry);
    Gauge.builder(PREFIX + "model.ready", modelReady, AtomicLong::get)
        .description("1 when the model is loaded and verified")
        .tags(tags)
        .register(registry);
    Gauge.builder(
            PREFIX + "model.load.duration",
            loadMillis,
            v -> v.get() < 0 ? Double.NaN : v.get() / 1000.0)
        .description("Seconds the last model load attempt took (NaN before the first)")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    if (processMetrics) {
      ProcessMetrics.bind(registry, tags);
    }
  }

  private Timer.Builder timer(String name, String description) {
    return Timer.builder(PREFIX + name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .minimumExpectedValue(LATENCY_BUCKETS[0])
        .maximumExpectedValue(LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1])
        .distributionStatisticExpiry(MAX_WINDOW)
        .distributionStatisticBufferLength(MAX_WINDOW_ROTATIONS);
  }

  /** The {@code model} and {@code version} labels every series carries. */
  public Tags tags() {
    return tags;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition, {@code le} values in canonical form ({@link CanonicalLe}). */
  public String scrape() {
    return CanonicalLe.rewrite(registry.scrape());
  }

  /**
   * Counts a finished inference request by HTTP status and records its duration (when {@code nanos
   * >= 0}) in the series of that status ({@code code} label).
   */
  public void request(int status, long nanos) {
    requestsByStatus
        .computeIfAbsent(
            status,
            s ->
                Counter.builder(PREFIX + "requests")
                    .description("Inference requests by outcome and HTTP status")
                    .tags(tags)
                    .tag("outcome", outcome(s))
                    .tag("status", Integer.toString(s))
                    .register(registry))
        .increment();
    if (nanos >= 0) {
      requestDuration(status).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private Timer requestDuration(int status) {
    Timer t = durationByStatus.get(status);
    if (t == null) {
      t =
          durationByStatus.computeIfAbsent(
              status,
              s ->
                  timer("request.duration", "Inference request latency inside the server")
                      .tag("code", Integer.toString(s))
                      .register(registry));
    }
    return t;
  }

  static String outcome(int status) {
    if (status < 400) {
      return "success";
    }
    if (status == 429 || status == 503) {
      return "rejected";
    }
    return status < 500 ? "client_error" : "server_error";
  }

  public void inference(long nanos, int rows) {
    Timer t = inferenceDuration;
    if (t != null) {
      t.record(nanos, TimeUnit.NANOSECONDS);
    }
    batchSize.record(rows);
  }

  public void queueWait(long nanos) {
    queueWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void overhead(long nanos) {
    overhead.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /** NaN or Inf values seen in a floating-point input ({@code kind} = nan | inf). */
  public void nonFinite(String input, String kind, long count) {
    counter(
            "input.nonfinite.values",
            "NaN/Inf values seen in floating-point inputs",
            "input",
            input,
            "kind",
            kind)
        .increment(count);
  }

  /** Rows of requests rejected for their data ({@code reason} = nonfinite | invalid). */
  public void rowsRejected(String reason, long rows) {
    counter("rows.rejected", "Input rows rejected by validation", "reason", reason).increment(rows);
  }

  /** Counts a model load attempt. */
  public void modelLoad(boolean success, String reason, long millis) {
    counter(
            "model.loads",
            "Model load attempts by result",
            "result",
            success ? "success" : "failure",
            "reason",
            success ? "none" : reason)
        .increment();
    loadMillis.set(millis);
  }

  public void modelReady(boolean ready) {
    modelReady.set(ready ? 1 : 0);
  }

  /** Registers the constant model-info series once the digest and device are known. */
  public void modelInfo(String sha256, String device) {
    inferenceDuration =
        timer("inference.duration", "ONNX Runtime session.run time per batch")
            .tag("device", device)
            .register(registry);
    Gauge.builder(PREFIX + "model.info", () -> 1)
        .description("Loaded model identity: 1 per loaded model")
        .tags(tags)
        .tag("sha256", sha256)
        .tag("device", device)
        .tag("platform", "onnx_onnxv1")
        .register(registry);
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(PREFIX + name, value).description(description).tags(tags).register(registry);
  }

  /** Registers a per-fault-type gauge (1 while active). */
  public void faultGauge(String type, Supplier<Number> active) {
    Gauge.builder(PREFIX + "fault.active", active)
        .description("1 while an injected fault of this type is active")
        .tags(tags)
        .tag("type", type)
        .register(registry);
  }

  public void faultInjected(String type) {
    counter("fault.injections", "Faults activated through the admin API", "type", type).increment();
  }

  /** Histogram of output values (for score-drift analysis); 0..1 in steps of 0.05. */
  public OutputValueHistogram.Series outputHistogram(String output) {
    return outputValues.series(output);
  }

  private Counter counter(String name, String description, String... kv) {
    String key = name + String.join("\u0000", kv);
    Counter c = taggedCounters.get(key);
    if (c == null) {
      c =
          taggedCounters.computeIfAbsent(
              key,
              k ->
                  Counter.builder(PREFIX + name)
                      .description(description)
                      .tags(tags)
                      .tags(kv)
                      .register(registry));
    }
    return c;
  }

  private static Duration[] micros(long... us) {
    Duration[] d = new Duration[us.length];
    for (int i = 0; i < us.length; i++) {
      d[i] = Duration.ofNanos(us[i] * 1000);
    }
    return d;
  }
}
