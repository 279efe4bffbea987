package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.DrillSummary;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A status is patched only when it is missing or something in it changed. */
class StatusWriterTest {

  private static ModelDeploymentStatus status(String readyReason) {
    var status = new ModelDeploymentStatus();
    status.setConditions(List.of(Conditions.of(Reasons.READY, true, readyReason, "ok")));
    return status;
  }

  @Test
  void missingStatusIsNeverTheSame() {
    assertFalse(StatusWriter.sameStatus(null, new ModelDeploymentStatus()));
  }

  @Test
  void equalContentIsTheSameAcrossInstances() {
    assertTrue(
        StatusWriter.sameStatus(status(Reasons.STABLE_SERVING), status(Reasons.STABLE_SERVING)));
  }

  @Test
  void aChangedFieldIsNotTheSame() {
    assertFalse(StatusWriter.sameStatus(status(Reasons.STABLE_SERVING), status("Other")));
  }

  @Test
  void lastDrillIsNotThisReconcilersToCompare() {
    // The drill reconciler writes lastDrill; the status this reconciler computes never has it. A
    // status that differs only there must not be patched again on every reconcile.
    var drilled = status(Reasons.STABLE_SERVING);
    var summary = new DrillSummary();
    summary.setName("pod-kill-now");
    summary.setVerdict(DrillVerdict.Passed.name());
    drilled.setLastDrill(summary);
    assertTrue(StatusWriter.sameStatus(drilled, status(Reasons.STABLE_SERVING)));
    assertFalse(StatusWriter.sameStatus(drilled, status("Other")));
  }
}
