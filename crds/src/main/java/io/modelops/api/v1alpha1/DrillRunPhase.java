package io.modelops.api.v1alpha1;

/**
 * Where a DrillRun is. Allowed transitions (the drill state machine enforces them):
 *
 * <ul>
 *   <li>{@link #Pending} → Skipped | Injecting | Failed
 *   <li>{@link #Injecting} → Observing | Recovering (abort) | Failed
 *   <li>{@link #Observing} → Recovering
 *   <li>{@link #Recovering} → Completed | Aborted | Failed
 *   <li>{@link #Skipped}, {@link #Completed}, {@link #Aborted}, {@link #Failed}: terminal
 * </ul>
 */
public enum DrillRunPhase {
  /** Created; guards and the steady-state baseline are being checked. Nothing is injected. */
  Pending,
  /** A guard refused the drill (reason says which); nothing was injected. Terminal. */
  Skipped,
  /** Faults are being recorded in status and injected. */
  Injecting,
  /** Faults are in place for the drill's duration; probes watch steady state. */
  Observing,
  /** Faults are removed (at the end, or early on an abort); waiting for steady state (RTO). */
  Recovering,
  /** The drill ran to its end; the verdict is Passed or Failed. Terminal. */
  Completed,
  /** Stopped early (burn limit, blackout, kill switch, release, replaced) and cleaned up. */
  Aborted,
  /** The drill could not be carried out (engine or API error); verdict Error. Terminal. */
  Failed
}
