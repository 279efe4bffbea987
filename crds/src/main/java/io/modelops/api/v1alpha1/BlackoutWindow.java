package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A period in which no drill starts and a running drill is aborted at its start. Either absolute
 * ({@code start} and {@code end}, RFC 3339 instants: a peak sales day) or recurring ({@code
 * schedule} and {@code duration}: every evening's peak hours).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.start) == has(self.end)",
    message = "start and end must be set together",
    fieldPath = ".end",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "has(self.schedule) == has(self.duration)",
    message = "schedule and duration must be set together",
    fieldPath = ".duration",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "has(self.start) != has(self.schedule)",
    message =
        "a blackout window is either absolute (start and end) or recurring (schedule and duration)")
@ValidationRule(
    value = "!has(self.start) || !has(self.end) || timestamp(self.end) > timestamp(self.start)",
    message = "end must be after start",
    fieldPath = ".end")
@ValidationRule(
    value = "!has(self.timeZone) || has(self.schedule)",
    message = "timeZone applies only to a recurring window (schedule)",
    fieldPath = ".timeZone",
    reason = "FieldValueForbidden")
public class BlackoutWindow {

  @JsonPropertyDescription("Why: shown in Skipped and Aborted runs, for example \"Singles Day\".")
  @Required
  @Size(min = 1, max = 128)
  private String reason;

  @JsonPropertyDescription(
      "Absolute window: first instant, RFC 3339 with an offset, e.g. 2026-11-11T00:00:00+08:00.")
  @Size(max = 64)
  @Pattern(ApiPatterns.RFC3339)
  private String start;

  @JsonPropertyDescription("Absolute window: end instant (exclusive), after start, RFC 3339.")
  @Size(max = 64)
  @Pattern(ApiPatterns.RFC3339)
  private String end;

  @JsonPropertyDescription(
      "Recurring window: when each occurrence starts, in cron syntax (as spec.schedule).")
  @Size(max = 128)
  @Pattern(ApiPatterns.CRON)
  private String schedule;

  @JsonPropertyDescription(
      "Recurring window: how long each occurrence lasts, 1m to 744h (31 days).")
  @Size(max = 32)
  @Pattern(ApiPatterns.DURATION)
  @ValidationRule(
      value = "duration(self) >= duration('1m') && duration(self) <= duration('744h')",
      message = "duration must be between 1m and 744h")
  private String duration;

  @JsonPropertyDescription(
      "Recurring window: IANA time zone of schedule. Default: the DrillSchedule's timeZone.")
  @Size(max = 64)
  @Pattern(ApiPatterns.TIME_ZONE)
  private String timeZone;

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }
}
