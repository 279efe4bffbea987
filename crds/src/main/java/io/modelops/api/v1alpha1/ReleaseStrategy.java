package io.modelops.api.v1alpha1;

/** Release strategies. */
public enum ReleaseStrategy {
  /** Replace the stable pods in place with the Deployment's rolling update. */
  RollingUpdate,
  /** Run the new version as a canary and promote or roll back after analysis. */
  Canary
}
