package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a DrillSchedule, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillScheduleStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("The scheduled time of the latest run created (RFC 3339).")
  private String lastScheduleTime;

  @JsonPropertyDescription(
      "The latest scheduled time that was missed (startingDeadlineSeconds passed), RFC 3339.")
  private String lastMissedTime;

  @JsonPropertyDescription("When the next run is due (RFC 3339); unset while suspended.")
  private String nextScheduleTime;

  @JsonPropertyDescription("Runs of this schedule not finished yet.")
  private List<DrillRunReference> active;

  @JsonPropertyDescription("The latest finished run.")
  private LastDrillRun lastRun;

  @JsonPropertyDescription(
      "Standard conditions: Ready (False with InvalidSchedule or UnknownTimeZone when the spec"
          + " cannot be scheduled).")
  private List<Condition> conditions;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(String lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public String getLastMissedTime() {
    return lastMissedTime;
  }

  public void setLastMissedTime(String lastMissedTime) {
    this.lastMissedTime = lastMissedTime;
  }

  public String getNextScheduleTime() {
    return nextScheduleTime;
  }

  public void setNextScheduleTime(String nextScheduleTime) {
    this.nextScheduleTime = nextScheduleTime;
  }

  public List<DrillRunReference> getActive() {
    return active;
  }

  public void setActive(List<DrillRunReference> active) {
    this.active = active;
  }

  public LastDrillRun getLastRun() {
    return lastRun;
  }

  public void setLastRun(LastDrillRun lastRun) {
    this.lastRun = lastRun;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
