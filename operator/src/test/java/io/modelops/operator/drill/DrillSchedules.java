package io.modelops.operator.drill;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.DrillScheduleStatus;

/** Reads of DrillSchedules in tests. */
final class DrillSchedules {

  private DrillSchedules() {}

  static DrillScheduleStatus status(KubernetesClient client, String name) {
    DrillSchedule s =
        client.resources(DrillSchedule.class).inNamespace(Drills.NS).withName(name).get();
    return s == null ? null : s.getStatus();
  }
}
