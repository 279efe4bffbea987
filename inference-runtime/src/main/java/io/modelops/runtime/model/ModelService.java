package io.modelops.runtime.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.modelops.runtime.Log;
import io.modelops.runtime.config.Durations;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.inference.BatchRunner;
import io.modelops.runtime.inference.BatchingScheduler;
import io.modelops.runtime.inference.DirectScheduler;
import io.modelops.runtime.inference.RequestValidator;
import io.modelops.runtime.inference.Scheduler;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.monitor.InputMonitor;
import io.modelops.runtime.monitor.Monitoring;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;

/** The one served model: its load state, and once ready, its validator and scheduler. */
public final class ModelService implements AutoCloseable {
  /** Load phases. LOADING -> READY or FAILED; no transitions afterwards. */
  public enum Phase {
    LOADING,
    READY,
    FAILED
  }

  /** What a ready model serves with. */
  public record Serving(LoadedModel model, RequestValidator validator, Scheduler scheduler) {}

  /**
   * The serving path of the warm-up's own requests ({@link Warmup}): the loaded model with a
   * scheduler of its own, metrics no one scrapes, no input monitor.
   */
  public record Warming(Serving serving, RuntimeMetrics metrics) {}

  private final RuntimeConfig config;
  private final RuntimeMetrics metrics;
  private final OrtEnvironment env;
  private volatile Phase phase = Phase.LOADING;
  private volatile String reason = "model is loading";
  private volatile Serving serving;
  private volatile Consumer<String> onFailure = reason -> {};
  private volatile InetSocketAddress listening;
  private volatile Warming warming;
  private final String warmupToken = newToken();

  public ModelService(RuntimeConfig config, RuntimeMetrics metrics, OrtEnvironment env) {
    this.config = config;
    this.metrics = metrics;
    this.env = env;
    metrics.gauge(
        "queue.depth",
        "Requests queued for a worker",
        () -> serving == null ? 0 : serving.scheduler().queueDepth());
  }

  /**
   * Loads on a background thread so that the server is live while it loads; {@code onFailure} gets
   * the reason if the load fails.
   */
  public Thread loadAsync(Consumer<String> onFailure) {
    this.onFailure = onFailure;
    return loadAsync();
  }

  /** Where the server listens: the warm-up sends its requests there. */
  public void listeningOn(InetSocketAddress address) {
    this.listening = address;
  }

  /**
   * The warm-up's serving path for a request that carries {@code token}, while the warm-up runs;
   * null otherwise (no token, a wrong one, or no warm-up under way).
   */
  public Warming warming(String token) {
    Warming w = warming;
    if (w == null || token == null) {
      return null;
    }
    boolean match =
        MessageDigest.isEqual(
            token.getBytes(StandardCharsets.US_ASCII),
            warmupToken.getBytes(StandardCharsets.US_ASCII));
    return match ? w : null;
  }

  /** The header a warm-up request carries its token in. */
  public static String warmupHeader() {
    return Warmup.HEADER;
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Loads on a background thread so that the server is live while it loads. */
  public Thread loadAsync() {
    Thread t = new Thread(this::load, "model-loader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  void load() {
    long start = System.nanoTime();
    Log.info("model", "loading " + config.modelName() + " version " + config.modelVersion());
    try {
      LoadedModel model = new ModelLoader(config, env).load();
      RequestValidator validator =
          new RequestValidator(
              model.signature(),
              config.allowNonFinite(),
              config.batching(),
              new RequestValidator.QualitySink() {
                @Override
                public void nonFinite(String input, String kind, long count) {
                  metrics.nonFinite(input, kind, count);
                }

                @Override
                public void rowsRejected(String why, long rows) {
                  metrics.rowsRejected(why, rows);
                }
              });
      InputMonitor monitor =
          Monitoring.start(
              config.modelProfile(),
              config.modelUri(),
              model.signature(),
              metrics.registry(),
              metrics.tags());
      if (config.batching() && !model.signature().batchable()) {
        Log.warn(
            "model",
            "dynamic batching disabled: not every input and output has a dynamic first"
                + " dimension");
      }
      Scheduler scheduler = scheduler(model, new BatchRunner(model, metrics, monitor));
      warmUp(model);
      serving = new Serving(model, validator, scheduler);
      metrics.modelInfo(model.sha256(), model.device());
      metrics.modelLoad(true, null, model.loadMillis());
      metrics.modelReady(true);
      reason = null;
      phase = Phase.READY;
      Log.info(
          "model",
          "ready in "
              + model.loadMillis()
              + " ms: sha256="
              + model.sha256()
              + " device="
              + model.device()
              + " inputs="
              + describe(model.signature().inputs())
              + " outputs="
              + describe(model.signature().outputs())
              + " batching="
              + (scheduler instanceof BatchingScheduler
                  ? "max " + config.batchMaxSize() + " rows"
                  : "off"));
    } catch (ModelLoadException e) {
      fail(e.reason(), e.getMessage(), start);
    } catch (RuntimeException e) {
      fail("load_failed", "model load failed: " + e, start);
    }
  }

  private Scheduler scheduler(LoadedModel model, BatchRunner runner) {
    if (config.batching() && model.signature().batchable()) {
      return new BatchingScheduler(
          runner,
          config.batchMaxSize(),
          config.batchMaxQueueDelay(),
          config.workerThreads(),
          config.queueCapacity(),
          env);
    }
    return new DirectScheduler(runner, config.workerThreads(), config.queueCapacity(), env);
  }

  /**
   * Runs {@link Warmup} through the server while readiness says so, on a serving path of its own;
   * its outcome is logged, never fatal.
   */
  private void warmUp(LoadedModel model) {
    InetSocketAddress target = listening;
    if (config.warmup().isZero() || target == null) {
      return;
    }
    reason = "warming up the model (RUNTIME_WARMUP " + Durations.format(config.warmup()) + ")";
    Log.info("model", "loaded; " + reason + " before reporting Ready");
    RuntimeMetrics quiet = RuntimeMetrics.unscraped(config.modelName(), config.modelVersion());
    RequestValidator validator =
        new RequestValidator(
            model.signature(),
            config.allowNonFinite(),
            config.batching(),
            RequestValidator.QualitySink.NONE);
    Scheduler scheduler = scheduler(model, new BatchRunner(model, quiet, null));
    Warmup.Outcome outcome;
    try {
      warming = new Warming(new Serving(model, validator, scheduler), quiet);
      outcome =
          new Warmup(model.signature(), config.maxInputBytes())
              .run(config.warmup(), target, config.modelName(), warmupToken);
    } finally {
      warming = null;
      scheduler.close();
    }
    String summary = outcome.runs() + " synthetic requests in " + outcome.millis() + " ms";
    if (outcome.stoppedBy() == null) {
      Log.info("model", "warmed up: " + summary);
    } else {
      Log.warn("model", "warm-up stopped after " + summary + ": " + outcome.stoppedBy());
    }
  }

  private void fail(String code, String message, long start) {
    reason = message;
    phase = Phase.FAILED;
    metrics.modelLoad(false, code, (System.nanoTime() - start) / 1_000_000);
    metrics.modelReady(false);
    Log.error("model", "model NOT ready (" + code + "): " + message);
    onFailure.accept(message);
  }

  private static String describe(java.util.List<TensorSpec> specs) {
    StringBuilder b = new StringBuilder("[");
    for (TensorSpec s : specs) {
      b.append(b.length() == 1 ? "" : ", ")
          .append(s.name())
          .append(' ')
          .append(s.datatype())
          .append(s.shapeString());
    }
    return b.append(']').toString();
  }

  public Phase phase() {
    return phase;
  }

  /** Why the model is not ready (null when ready). */
  public String reason() {
    return reason;
  }

  /** The serving components, or null unless READY. */
  public Serving serving() {
    return serving;
  }

  public RuntimeConfig config() {
    return config;
  }

  @Override
  public void close() {
    Serving s = serving;
    if (s != null) {
      s.scheduler().close();
      try {
        s.model().session().close();
      } catch (OrtException e) {
        Log.warn("model", "closing session: " + e.getMessage());
      }
    }
  }
}
