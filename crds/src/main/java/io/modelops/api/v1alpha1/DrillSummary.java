package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Summary of a drill run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillSummary {

  @JsonPropertyDescription("DrillRun name.")
  private String name;

  @JsonPropertyDescription("Passed, Failed, Aborted, Skipped or Error.")
  private String verdict;

  @JsonPropertyDescription("When it finished (RFC 3339).")
  private String time;

  @JsonPropertyDescription("Measured recovery time.")
  private String rto;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVerdict() {
    return verdict;
  }

  public void setVerdict(String verdict) {
    this.verdict = verdict;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getRto() {
    return rto;
  }

  public void setRto(String rto) {
    this.rto = rto;
  }
}
