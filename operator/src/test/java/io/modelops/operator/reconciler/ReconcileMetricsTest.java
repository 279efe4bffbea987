package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ReconcileMetricsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ReconcileMetrics metrics = new ReconcileMetrics(registry);

  @Test
  void countsAndTimesSuccessesAndErrors() throws Exception {
    assertEquals("done", metrics.record(() -> "done"));
    assertEquals("done", metrics.record(() -> "done"));
    assertThrows(
        IllegalStateException.class,
        () ->
            metrics.record(
                () -> {
                  throw new IllegalStateException("boom");
                }));

    assertEquals(2, registry.get("modelops.reconcile").tag("result", "success").counter().count());
    assertEquals(1, registry.get("modelops.reconcile").tag("result", "error").counter().count());
    assertEquals(
        1,
        registry
            .get("modelops.reconcile.errors")
            .tag("exception", "IllegalStateException")
            .counter()
            .count());
    assertEquals(3, registry.get("modelops.reconcile.duration").timer().count());
  }
}
