package io.modelops.api.v1alpha1;

/** Where a canary release stands (status.release.phase); docs/releases.md has the diagram. */
public enum ReleasePhase {
  /** The canary walks its steps: scaling to a step's split, then analysis during its pause. */
  Progressing,
  /** Held at the current step by spec.release.paused or by inconclusive analysis. */
  Paused,
  /** Every step passed (or promoted by hand): stable takes the canary template. */
  Promoting,
  /** The canary was rolled back; its revision is not retried until the spec changes. */
  RolledBack,
  /** No release under way: stable runs the revision the spec asks for. */
  Healthy
}
