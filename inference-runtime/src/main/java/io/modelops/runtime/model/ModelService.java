package io.modelops.runtime.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.modelops.runtime.Log;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.inference.BatchRunner;
import io.modelops.runtime.inference.BatchingScheduler;
import io.modelops.runtime.inference.DirectScheduler;
import io.modelops.runtime.inference.RequestValidator;
import io.modelops.runtime.inference.Scheduler;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.monitor.InputMonitor;
import io.modelops.runtime.monitor.Monitoring;
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

  private final RuntimeConfig config;
  private final RuntimeMetrics metrics;
  private final OrtEnvironment env;
  private volatile Phase phase = Phase.LOADING;
  private volatile String reason = "model is loading";
  private volatile Serving serving;
  private volatile Consumer<String> onFailure = reason -> {};

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
      BatchRunner runner = new BatchRunner(model, metrics, monitor);
      Scheduler scheduler;
      if (config.batching() && model.signature().batchable()) {
        scheduler =
            new BatchingScheduler(
                runner,
                config.batchMaxSize(),
                config.batchMaxQueueDelay(),
                config.workerThreads(),
                config.queueCapacity(),
                env);
      } else {
        if (config.batching()) {
          Log.warn(
              "model",
              "dynamic batching disabled: not every input and output has a dynamic first"
                  + " dimension");
        }
        scheduler =
            new DirectScheduler(runner, config.workerThreads(), config.queueCapacity(), env);
      }
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
