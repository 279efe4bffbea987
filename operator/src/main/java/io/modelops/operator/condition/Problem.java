package io.modelops.operator.condition;

import java.util.Objects;

/**
 * Something that keeps a ModelDeployment from reaching its desired state, found by the spec checks
 * or by looking at the workload. Becomes {@code Degraded=True} with this reason and message, and a
 * Warning Event.
 *
 * @param reason CamelCase reason, one of {@link Reasons}
 * @param message human-readable message naming the object at fault
 * @param blocksApply true when the spec must not be applied (what serves stays untouched)
 */
public record Problem(String reason, String message, boolean blocksApply) {

  public Problem {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with the spec found before applying: nothing is written. */
  public static Problem blocking(String reason, String message) {
    return new Problem(reason, message, true);
  }

  /** A problem observed on the running workload. */
  public static Problem observed(String reason, String message) {
    return new Problem(reason, message, false);
  }
}
