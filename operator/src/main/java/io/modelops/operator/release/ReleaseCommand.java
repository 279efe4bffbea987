package io.modelops.operator.release;

/**
 * One-shot controls, set as annotations on the ModelDeployment (any value) and removed by the
 * operator once the status shows they took effect (a command with nothing to act on is removed
 * too).
 */
public enum ReleaseCommand {
  /** Skip the remaining steps and analysis: Progressing or Paused → Promoting. */
  PROMOTE("modelops.io/promote"),
  /** Roll the canary back now: Progressing or Paused → RolledBack (reason Aborted). */
  ABORT("modelops.io/abort"),
  /** Release the rejected revision again: RolledBack → Progressing from step 1. */
  RETRY("modelops.io/retry");

  private final String annotation;

  ReleaseCommand(String annotation) {
    this.annotation = annotation;
  }

  /** The annotation that carries the command. */
  public String annotation() {
    return annotation;
  }
}
