package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The latest finished run of a schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastDrillRun {

  @JsonPropertyDescription("DrillRun name.")
  private String name;

  @JsonPropertyDescription("Passed, Failed, Aborted, Skipped or Error.")
  private DrillVerdict verdict;

  @JsonPropertyDescription("CamelCase reason of the verdict, for example RtoMet or Blackout.")
  private String reason;

  @JsonPropertyDescription("When it finished (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Measured recovery time, for example 41s.")
  private String rto;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public DrillVerdict getVerdict() {
    return verdict;
  }

  public void setVerdict(DrillVerdict verdict) {
    this.verdict = verdict;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getRto() {
    return rto;
  }

  public void setRto(String rto) {
    this.rto = rto;
  }
}
