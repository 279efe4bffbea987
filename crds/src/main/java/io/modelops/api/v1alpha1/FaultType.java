package io.modelops.api.v1alpha1;

/** The fault catalogue shared by both engines. */
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
  NodeDrain
}
