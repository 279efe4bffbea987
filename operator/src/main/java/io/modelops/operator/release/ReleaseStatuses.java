package io.modelops.operator.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Conditions;
import java.time.Instant;

/** The status.release edits the state machine makes, each in one place. */
final class ReleaseStatuses {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReleaseStatuses() {}

  static ReleaseStatus copy(ReleaseStatus status) {
    return MAPPER.convertValue(status, ReleaseStatus.class);
  }

  /** No release under way: only the stable revision and why. */
  static void healthy(ReleaseStatus next, String stableRevision, String reason, String message) {
    next.setPhase(ReleasePhase.Healthy);
    next.setReason(reason);
    next.setMessage(message);
    next.setStableRevision(stableRevision);
    next.setRevision(null);
    next.setVersion(null);
    next.setReplicas(null);
    next.setStep(null);
    next.setSteps(null);
    next.setProgress(null);
    next.setStepStartedAt(null);
    next.setProgressedAt(null);
    next.setPassedIntervals(null);
    next.setFailedIntervals(null);
    next.setLastAnalysisAt(null);
    next.setRejectedRevision(null);
    next.setStartedAt(null);
  }

  /** A fresh release of the spec's revision at step 1. */
  static void start(
      ReleaseStatus next,
      ReleaseInput in,
      String stableRevision,
      int replicas,
      int steps,
      Instant now) {
    next.setRevision(in.desiredRevision());
    next.setVersion(in.spec().version());
    next.setStableRevision(stableRevision);
    next.setReplicas(replicas);
    next.setStep(0);
    next.setSteps(steps);
    next.setProgress("1/" + steps);
    next.setStepStartedAt(null);
    next.setProgressedAt(Conditions.format(now));
    next.setPassedIntervals(0);
    next.setFailedIntervals(0);
    next.setLastAnalysisAt(null);
    next.setRejectedRevision(null);
    next.setStartedAt(Conditions.format(now));
  }

  /** On to the next step: its split first, then its pause and analysis. */
  static void nextStep(ReleaseStatus next, Instant now) {
    int step = next.getStep() + 1;
    next.setStep(step);
    next.setProgress((step + 1) + "/" + next.getSteps());
    next.setStepStartedAt(null);
    next.setPassedIntervals(0);
    next.setProgressedAt(Conditions.format(now));
  }
}
