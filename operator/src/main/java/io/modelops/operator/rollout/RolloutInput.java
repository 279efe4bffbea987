package io.modelops.operator.rollout;

import io.modelops.operator.condition.Problem;
import java.util.List;

/**
 * Everything a {@link RolloutStrategy} decides from.
 *
 * @param stable the stable Deployment after this reconcile's writes
 * @param desiredRevision the revision the stable track should run
 * @param paused {@code spec.release.paused}
 * @param problems spec problems (blocking) and workload problems found this reconcile
 */
public record RolloutInput(
    TrackObservation stable, String desiredRevision, boolean paused, List<Problem> problems) {

  public RolloutInput {
    problems = List.copyOf(problems);
  }

  /** True when a problem kept the spec from being applied. */
  public boolean blocked() {
    return problems.stream().anyMatch(Problem::blocksApply);
  }
}
