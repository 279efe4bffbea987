package io.modelops.operator.drill;

import io.modelops.operator.model.PodEndpoints;

/**
 * Operator-wide drill settings.
 *
 * @param enabled {@code modelops.drills.enabled}: false engages the kill switch everywhere (running
 *     drills are aborted and cleaned up, due runs are recorded Skipped with reason KillSwitch)
 * @param endpoints where the prober and the runtime fault calls reach a pod
 */
public record DrillSettings(boolean enabled, PodEndpoints endpoints) {

  /** Pods reached at their IP and container port. */
  public DrillSettings(boolean enabled) {
    this(enabled, PodEndpoints.DIRECT);
  }

  /** Drills on. */
  public static DrillSettings defaults() {
    return new DrillSettings(true);
  }
}
