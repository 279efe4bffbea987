package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.Pod;

/** What a pod's status says about it. Pure. */
public final class PodStates {

  private PodStates() {}

  /** Serving: its {@code Ready} condition is True and it is not being deleted. */
  public static boolean serving(Pod pod) {
    if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
