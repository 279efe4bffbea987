package io.modelops.operator.drill;

/**
 * Operator-wide drill settings.
 *
 * @param enabled {@code modelops.drills.enabled}: false engages the kill switch everywhere (running
 *     drills are aborted and cleaned up, due runs are recorded Skipped with reason KillSwitch)
 */
public record DrillSettings(boolean enabled) {

  /** Drills on. */
  public static DrillSettings defaults() {
    return new DrillSettings(true);
  }
}
