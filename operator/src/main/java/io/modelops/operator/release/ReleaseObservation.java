package io.modelops.operator.release;

import io.modelops.operator.rollout.TrackObservation;

/**
 * Both tracks' Deployments as observed, plus the pods still terminating per track (a terminating
 * pod still holds its GPU, so a scale phase is complete only once they are gone).
 */
public record ReleaseObservation(
    TrackObservation stable,
    TrackObservation canary,
    int stableTerminating,
    int canaryTerminating) {

  /** The split the Deployments are configured with now. */
  public ReplicaSplit configured() {
    return new ReplicaSplit(
        canary.exists() ? canary.desiredReplicas() : 0,
        stable.exists() ? stable.desiredReplicas() : 0);
  }

  /** True when both tracks run exactly their configured replicas, all ready, none terminating. */
  public boolean settled() {
    return settled(stable, stableTerminating) && settled(canary, canaryTerminating);
  }

  private static boolean settled(TrackObservation track, int terminating) {
    if (!track.exists()) {
      return terminating == 0;
    }
    return track.observedGeneration() >= track.generation()
        && track.replicas() == track.desiredReplicas()
        && track.updatedReplicas() >= track.desiredReplicas()
        && track.availableReplicas() >= track.desiredReplicas()
        && terminating == 0;
  }
}
