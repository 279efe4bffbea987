package io.modelops.api.v1alpha1;

/** How traffic is split between stable and canary. */
public enum TrafficRouting {
  /** By replica ratio behind the shared Service; no extra dependency. */
  Replicas,
  /** By weights on a Gateway API HTTPRoute. */
  GatewayAPI
}
