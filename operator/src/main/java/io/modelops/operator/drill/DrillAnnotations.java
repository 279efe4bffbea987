package io.modelops.operator.drill;

/** Annotations and labels of the drill kinds. */
public final class DrillAnnotations {

  /**
   * On a DrillRun: abort it (or, while Pending, skip it). The value is the reason (Replaced,
   * Blackout, KillSwitch, or anything: AbortRequested); the schedule sets it for Replace and
   * blackouts, a person may set it by hand ({@code kubectl annotate drillrun x
   * modelops.io/drill-abort=Manual}).
   */
  public static final String ABORT = "modelops.io/drill-abort";

  /** On a DrillRun: the message that goes with {@link #ABORT}. */
  public static final String ABORT_MESSAGE = "modelops.io/drill-abort-message";

  /** Label on a scheduled DrillRun: its schedule's name (the schedule lists its runs by it). */
  public static final String SCHEDULE = "modelops.io/drill-schedule";

  private DrillAnnotations() {}
}
