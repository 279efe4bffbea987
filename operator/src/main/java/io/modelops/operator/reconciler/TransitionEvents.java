package io.modelops.operator.reconciler;

import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.event.EventRecorder;
import java.util.Objects;

/**
 * The Events of a status change: a Warning when Degraded becomes True or changes its reason, a
 * Normal one when Ready becomes True.
 */
final class TransitionEvents {

  private TransitionEvents() {}

  /** Records the Events for going from {@code md}'s status to {@code next}. */
  static void emit(ModelDeployment md, ModelDeploymentStatus next, EventRecorder events) {
    var before = md.getStatus() == null ? null : md.getStatus().getConditions();
    var degradedBefore = Conditions.find(before, Reasons.DEGRADED);
    var degradedNow = Conditions.find(next.getConditions(), Reasons.DEGRADED).orElseThrow();
    if (Conditions.TRUE.equals(degradedNow.getStatus())
        && (degradedBefore.isEmpty()
            || !Conditions.TRUE.equals(degradedBefore.get().getStatus())
            || !Objects.equals(degradedBefore.get().getReason(), degradedNow.getReason()))) {
      events.record(md, EventRecorder.WARNING, degradedNow.getReason(), degradedNow.getMessage());
    }
    if (Conditions.isTrue(next.getConditions(), Reasons.READY)
        && !Conditions.isTrue(before, Reasons.READY)) {
      var ready = Conditions.find(next.getConditions(), Reasons.READY).orElseThrow();
      events.record(md, EventRecorder.NORMAL, ready.getReason(), ready.getMessage());
    }
  }
}
