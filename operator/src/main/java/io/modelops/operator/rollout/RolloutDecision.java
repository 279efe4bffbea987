package io.modelops.operator.rollout;

/**
 * What the rollout state machine concluded.
 *
 * @param state the state
 * @param reason CamelCase reason for the Progressing condition
 * @param message human-readable detail
 */
public record RolloutDecision(RolloutState state, String reason, String message) {

  /** True while the release is moving (Progressing=True). */
  public boolean progressing() {
    return state == RolloutState.INITIALIZING || state == RolloutState.ROLLING;
  }
}
