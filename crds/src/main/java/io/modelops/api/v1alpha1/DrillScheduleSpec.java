package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** When to run a drill against which ModelDeployment, and what the drill does. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillScheduleSpec {

  @JsonPropertyDescription("The ModelDeployment every run targets.")
  @Required
  private DrillTarget target;

  @JsonPropertyDescription(
      "Cron schedule: five fields (minute hour day-of-month month day-of-week; ranges, steps,"
          + " lists, jan-dec, sun-sat) or @yearly, @monthly, @weekly, @daily, @hourly. When both"
          + " day fields are restricted a day matching either runs.")
  @Required
  @Size(max = 128)
  @Pattern(ApiPatterns.CRON)
  @ValidationRule(
      value = "!self.contains('TZ=')",
      message = "set the time zone in timeZone, not with TZ= or CRON_TZ= in schedule")
  private String schedule;

  @JsonPropertyDescription(
      "IANA time zone the schedule is read in, e.g. Europe/Berlin. Default UTC. A time skipped by"
          + " a daylight-saving change does not run that day; a repeated one runs once.")
  @Size(max = 64)
  @Pattern(ApiPatterns.TIME_ZONE)
  private String timeZone;

  @JsonPropertyDescription("True stops new runs; active runs go on. Default false.")
  private Boolean suspend;

  @JsonPropertyDescription(
      "When a run is due while an earlier one is active: Allow, Forbid (default) or Replace.")
  private ConcurrencyPolicy concurrencyPolicy;

  @JsonPropertyDescription(
      "A run that cannot start within this many seconds of its scheduled time is missed (10s-7d)."
          + " Unset: a late run starts however late, as CronJob.")
  @Min(10)
  @Max(604800)
  private Long startingDeadlineSeconds;

  @JsonPropertyDescription("Passed and Skipped runs kept (0-100). Default 3.")
  @Min(0)
  @Max(100)
  private Integer successfulRunsHistoryLimit;

  @JsonPropertyDescription("Failed, Aborted and Error runs kept (0-100). Default 3.")
  @Min(0)
  @Max(100)
  private Integer failedRunsHistoryLimit;

  @JsonPropertyDescription(
      "No run starts inside one, or when it would still be running at its start; a running drill"
          + " is aborted at its start. At most 32.")
  @Size(max = 32)
  private List<BlackoutWindow> blackoutWindows;

  @JsonPropertyDescription("What each run does.")
  @Required
  private DrillTemplate template;

  public DrillTarget getTarget() {
    return target;
  }

  public void setTarget(DrillTarget target) {
    this.target = target;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public ConcurrencyPolicy getConcurrencyPolicy() {
    return concurrencyPolicy;
  }

  public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
    this.concurrencyPolicy = concurrencyPolicy;
  }

  public Long getStartingDeadlineSeconds() {
    return startingDeadlineSeconds;
  }

  public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
    this.startingDeadlineSeconds = startingDeadlineSeconds;
  }

  public Integer getSuccessfulRunsHistoryLimit() {
    return successfulRunsHistoryLimit;
  }

  public void setSuccessfulRunsHistoryLimit(Integer successfulRunsHistoryLimit) {
    this.successfulRunsHistoryLimit = successfulRunsHistoryLimit;
  }

  public Integer getFailedRunsHistoryLimit() {
    return failedRunsHistoryLimit;
  }

  public void setFailedRunsHistoryLimit(Integer failedRunsHistoryLimit) {
    this.failedRunsHistoryLimit = failedRunsHistoryLimit;
  }

  public List<BlackoutWindow> getBlackoutWindows() {
    return blackoutWindows;
  }

  public void setBlackoutWindows(List<BlackoutWindow> blackoutWindows) {
    this.blackoutWindows = blackoutWindows;
  }

  public DrillTemplate getTemplate() {
    return template;
  }

  public void setTemplate(DrillTemplate template) {
    this.template = template;
  }
}
