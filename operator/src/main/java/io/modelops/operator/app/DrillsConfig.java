package io.modelops.operator.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Drill settings ({@code modelops.drills.*}, or {@code MODELOPS_DRILLS_*} env vars). */
@ConfigMapping(prefix = "modelops.drills")
public interface DrillsConfig {

  /**
   * False engages the kill switch for every namespace: running drills are aborted (faults removed)
   * and due runs are recorded Skipped (reason KillSwitch). Drills themselves are opt-in (nothing
   * runs without a DrillSchedule or DrillRun), so the default is true.
   */
  @WithDefault("true")
  boolean enabled();
}
