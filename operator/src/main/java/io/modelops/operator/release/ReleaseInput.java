package io.modelops.operator.release;

import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.model.ResolvedSpec;
import java.time.Instant;
import java.util.Set;

/**
 * Everything the {@link ReleaseMachine} decides from.
 *
 * @param spec the resolved spec
 * @param desiredRevision revision of the pod template the spec renders
 * @param previous status.release as last written (null before the first release)
 * @param observed both tracks
 * @param verdict the analysis verdict of this reconcile
 * @param commands one-shot annotations present on the ModelDeployment
 * @param now the injected clock's time
 */
public record ReleaseInput(
    ResolvedSpec spec,
    String desiredRevision,
    ReleaseStatus previous,
    ReleaseObservation observed,
    AnalysisVerdict verdict,
    Set<ReleaseCommand> commands,
    Instant now) {

  public ReleaseInput {
    commands = Set.copyOf(commands);
  }
}
