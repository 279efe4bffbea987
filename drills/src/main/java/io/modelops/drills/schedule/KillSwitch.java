package io.modelops.drills.schedule;

/**
 * The global stop for drills: engaged by the operator setting or by the annotation {@value
 * #ANNOTATION}{@code ="true"} on the namespace. While engaged, running drills are aborted and due
 * runs are recorded as Skipped.
 *
 * @param source where it was engaged, for messages ("operator setting", "namespace annotation")
 */
public record KillSwitch(boolean engaged, String source) {

  /** Namespace annotation that engages the kill switch for the drills in it. */
  public static final String ANNOTATION = "modelops.io/drills-kill-switch";

  /** Not engaged. */
  public static final KillSwitch OFF = new KillSwitch(false, "");

  /** Engaged by {@code source}. */
  public static KillSwitch engagedBy(String source) {
    return new KillSwitch(true, source);
  }
}
