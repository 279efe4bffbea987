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

  @JsonPropertyDescription(
      "Time the scrapes of the analysed interval covered, for example 30s (shorter after an operator restart).")
  private String window;

  @JsonPropertyDescription("Why the result is what it is: the failing check, or why inconclusive.")
  private String message;

  @JsonPropertyDescription("Requests per second the canary pods served in the interval.")
  private String canaryRequestRate;

  @JsonPropertyDescription("Requests per second the stable pods served in the interval.")
  private String stableRequestRate;

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

  public String getWindow() {
    return window;
  }

  public void setWindow(String window) {
    this.window = window;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getCanaryRequestRate() {
    return canaryRequestRate;
  }

  public void setCanaryRequestRate(String canaryRequestRate) {
    this.canaryRequestRate = canaryRequestRate;
  }

  public String getStableRequestRate() {
    return stableRequestRate;
  }

  public void setStableRequestRate(String stableRequestRate) {
    this.stableRequestRate = stableRequestRate;
  }
}
