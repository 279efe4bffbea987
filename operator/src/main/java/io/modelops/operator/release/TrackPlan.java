package io.modelops.operator.release;

/**
 * What one track's Deployment should run.
 *
 * @param template which pod template: the spec's, or the one the Deployment already runs
 * @param replicas desired replicas
 */
public record TrackPlan(Template template, int replicas) {

  /** Which pod template a track runs. */
  public enum Template {
    /** The template the resolved spec renders. */
    DESIRED,
    /** Keep the template the Deployment runs now (the spec's if it does not exist yet). */
    OBSERVED
  }

  public static TrackPlan desired(int replicas) {
    return new TrackPlan(Template.DESIRED, replicas);
  }

  public static TrackPlan observed(int replicas) {
    return new TrackPlan(Template.OBSERVED, replicas);
  }
}
