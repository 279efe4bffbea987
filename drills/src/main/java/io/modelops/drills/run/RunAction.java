package io.modelops.drills.run;

/** What the reconciler must do to the fault after the machine decided. */
public enum RunAction {
  /** Nothing. */
  NONE,
  /** Select the targets and record the fault (and the baseline) in status; inject nothing yet. */
  RECORD,
  /** Inject the recorded fault (idempotent: done again after a restart in Injecting). */
  INJECT,
  /** Remove every recorded fault (idempotent). */
  REMOVE
}
