package io.modelops.api.v1alpha1;

/** Which pods of a ModelDeployment a drill targets. */
public enum DrillTrack {
  /** The stable track's pods. */
  Stable,
  /** The canary track's pods (only while a canary runs; otherwise the drill is Skipped). */
  Canary,
  /** The pods of every track. */
  All
}
