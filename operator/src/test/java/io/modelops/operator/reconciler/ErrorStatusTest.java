package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reconcile that throws ends up as Degraded=True/ReconcileFailed, other conditions kept. */
class ErrorStatusTest {

  @Test
  void failedReconcileIsReportedAsDegraded() {
    var reconciler =
        new ModelDeploymentReconciler(
            OperatorSettings.defaults(),
            new ReconcileMetrics(new SimpleMeterRegistry()),
            Clock.fixed(Instant.parse("2026-11-27T11:00:00Z"), ZoneOffset.UTC));
    ModelDeployment md = ModelDeployments.sample("search", "ctr", 1);
    md.getMetadata().setGeneration(3L);
    ModelDeploymentStatus previous = new ModelDeploymentStatus();
    previous.setConditions(
        List.of(Conditions.of(Reasons.READY, true, Reasons.STABLE_SERVING, "ok")));
    md.setStatus(previous);

    var control =
        reconciler.updateErrorStatus(md, null, new IllegalStateException("API server unavailable"));

    var status = control.getResource().orElseThrow().getStatus();
    var degraded = Conditions.find(status.getConditions(), Reasons.DEGRADED).orElseThrow();
    assertEquals("True", degraded.getStatus());
    assertEquals(Reasons.RECONCILE_FAILED, degraded.getReason());
    assertTrue(degraded.getMessage().contains("API server unavailable"));
    assertEquals(3L, degraded.getObservedGeneration());
    assertEquals("2026-11-27T11:00:00Z", degraded.getLastTransitionTime());
    assertTrue(Conditions.isTrue(status.getConditions(), Reasons.READY));
  }
}
