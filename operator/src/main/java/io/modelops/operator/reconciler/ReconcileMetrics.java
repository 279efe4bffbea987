package io.modelops.operator.reconciler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Callable;

/**
 * Reconcile metrics: {@code modelops_reconcile_total{result}}, {@code
 * modelops_reconcile_duration_seconds} and {@code modelops_reconcile_errors_total{exception}}.
 */
public final class ReconcileMetrics {

  private final MeterRegistry registry;
  private final Timer duration;

  public ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.duration =
        Timer.builder("modelops.reconcile.duration")
            .description("Time spent in one ModelDeployment reconcile")
            .register(registry);
  }

  /** The registry, for the release metrics that share it. */
  MeterRegistry registry() {
    return registry;
  }

  /** Runs one reconcile, counting and timing it. */
  public <T> T record(Callable<T> reconcile) throws Exception {
    Timer.Sample sample = Timer.start(registry);
    try {
      T result = reconcile.call();
      count("success");
      return result;
    } catch (Exception | Error e) {
      count("error");
      Counter.builder("modelops.reconcile.errors")
          .description("ModelDeployment reconciles that threw")
          .tag("exception", e.getClass().getSimpleName())
          .register(registry)
          .increment();
      throw e;
    } finally {
      sample.stop(duration);
    }
  }

  private void count(String result) {
    Counter.builder("modelops.reconcile")
        .description("ModelDeployment reconciles")
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
