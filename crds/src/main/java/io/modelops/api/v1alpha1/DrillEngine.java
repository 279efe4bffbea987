package io.modelops.api.v1alpha1;

/** Who injects a drill's fault. */
public enum DrillEngine {
  /** The operator itself: deletes pods, scales, calls the runtime's fault API, writes policies. */
  Native,
  /**
   * Chaos Mesh objects (PodChaos, NetworkChaos, HTTPChaos, StressChaos) created by the operator.
   */
  ChaosMesh
}
