package io.modelops.api.v1alpha1;

/** The fault catalogue; each engine does a part of it (see docs/drills.md). */
public enum FaultType {
  /** Delete the selected pods; the Deployment replaces them. */
  PodKill,
  /** Scale the track down by {@code replicas} for the drill's duration, then restore it. */
  ReplicaLoss,
  /** Add {@code latency} to every inference response of the selected pods. */
  RuntimeLatency,
  /** Fail a share ({@code errorRatio}) of the selected pods' inference requests. */
  RuntimeErrors,
  /** Make the selected pods report not ready while still running. */
  RuntimeUnready,
  /** Cut the selected pods off the network (needs a NetworkPolicy-enforcing CNI for Native). */
  NetworkPartition,
  /** Cordon the nodes of the selected pods and evict their pods, honouring PDBs. */
  NodeDrain,
  /** Load the selected pods' CPU ({@code workers}, {@code load}); engine ChaosMesh only. */
  CpuStress,
  /**
   * Allocate memory in the selected pods ({@code workers}, {@code size}); engine ChaosMesh only.
   */
  MemoryStress
}
