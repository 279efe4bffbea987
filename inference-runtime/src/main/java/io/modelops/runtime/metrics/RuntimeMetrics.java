package io.modelops.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
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

  /** Millisecond-SLO latency buckets (seconds in the exposition), so p99 is computable. */
  private static final Duration[] LATENCY_BUCKETS =
      millis(
          0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 7.5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200,
          300, 500, 750, 1000, 2000, 5000, 10000);

  /** Microsecond buckets for the server's own non-compute time. */
  private static final Duration[] OVERHEAD_BUCKETS =
      micros(5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000, 2000, 5000, 10000);

  private static final double[] BATCH_BUCKETS = {
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096
  };

  private final PrometheusMeterRegistry registry;
  private final Tags tags;
  private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
  private final Map<String, Counter> taggedCounters = new ConcurrentHashMap<>();
  private final Map<String, DistributionDataPoint> outputHistograms = new ConcurrentHashMap<>();
  private final Histogram outputValues;
  private final String model;
  private final String version;
  private final Timer requestDuration;
  private volatile Timer inferenceDuration;
  private final Timer queueWait;
  private final Timer overhead;
  private final DistributionSummary batchSize;
  private final AtomicLong modelReady = new AtomicLong();
  private final AtomicLong loadMillis = new AtomicLong(-1);

  public RuntimeMetrics(String model, String version) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.tags = Tags.of("model", model, "version", version);
    this.model = model;
    this.version = version;
    // the Prometheus client's own histogram: several times cheaper per value than a Micrometer
    // summary, which matters because every output value of every batch is observed
    this.outputValues =
        Histogram.builder()
            .name("modelops_runtime_output_value")
            .help("Distribution of output values (scores) per output")
            .labelNames("model", "version", "output")
            .classicOnly()
            .classicUpperBounds(scoreBuckets())
            .withoutExemplars()
            .register(registry.getPrometheusRegistry());
    this.requestDuration =
        timer("request.duration", "Inference request latency inside the server", LATENCY_BUCKETS)
            .register(registry);
    this.queueWait =
        timer("queue.wait", "Time a request waited before its batch started", LATENCY_BUCKETS)
            .register(registry);
    this.overhead =
        timer(
                "request.overhead",
                "Server time per request outside session.run (decode, queue, encode)",
                OVERHEAD_BUCKETS)
            .register(registry);
    this.batchSize =
        DistributionSummary.builder(PREFIX + "batch.size")
            .description("Rows per session.run")
            .baseUnit("rows")
            .tags(tags)
            .serviceLevelObjectives(BATCH_BUCKETS)
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
  }

  private Timer.Builder timer(String name, String description, Duration[] buckets) {
    return Timer.builder(PREFIX + name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(buckets)
        .minimumExpectedValue(buckets[0])
        .maximumExpectedValue(buckets[buckets.length - 1]);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  /** Counts a finished inference request by HTTP status. */
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
      requestDuration.record(nanos, TimeUnit.NANOSECONDS);
    }
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
        timer("inference.duration", "ONNX Runtime session.run time per batch", LATENCY_BUCKETS)
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
  public DistributionDataPoint outputHistogram(String output) {
    DistributionDataPoint h = outputHistograms.get(output);
    if (h == null) {
      h =
          outputHistograms.computeIfAbsent(
              output, o -> outputValues.labelValues(model, version, o));
    }
    return h;
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

  private static double[] scoreBuckets() {
    double[] b = new double[20];
    for (int i = 0; i < b.length; i++) {
      b[i] = Math.round((i + 1) * 5) / 100.0;
    }
    return b;
  }

  private static Duration[] millis(double... ms) {
    Duration[] d = new Duration[ms.length];
    for (int i = 0; i < ms.length; i++) {
      d[i] = Duration.ofNanos(Math.round(ms[i] * 1_000_000));
    }
    return d;
  }

  private static Duration[] micros(long... us) {
    Duration[] d = new Duration[us.length];
    for (int i = 0; i < us.length; i++) {
      d[i] = Duration.ofNanos(us[i] * 1000);
    }
    return d;
  }
}
