package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Result of one analysis run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisStatus {

  @JsonPropertyDescription("When the analysis ran (RFC 3339).")
  private String time;

  @JsonPropertyDescription("Passed, Failed or Inconclusive.")
  private String result;

  @JsonPropertyDescription("Per-check figures.")
  private List<CheckResult> checks;

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getResult() {
    return result;
  }

  public void setResult(String result) {
    this.result = result;
  }

  public List<CheckResult> getChecks() {
    return checks;
  }

  public void setChecks(List<CheckResult> checks) {
    this.checks = checks;
  }
}
