package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Outcome of one check. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckResult {

  @JsonPropertyDescription("Metric checked.")
  private String metric;

  @JsonPropertyDescription("Measured value.")
  private String value;

  @JsonPropertyDescription("Threshold.")
  private String max;

  @JsonPropertyDescription(
      "Pass, Fail, or Inconclusive when the interval had too little data for this check.")
  private String verdict;

  @JsonPropertyDescription("Whether the value was within the threshold (absent when inconclusive).")
  private Boolean passed;

  public String getMetric() {
    return metric;
  }

  public void setMetric(String metric) {
    this.metric = metric;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public String getMax() {
    return max;
  }

  public void setMax(String max) {
    this.max = max;
  }

  public Boolean getPassed() {
    return passed;
  }

  public void setPassed(Boolean passed) {
    this.passed = passed;
  }

  public String getVerdict() {
    return verdict;
  }

  public void setVerdict(String verdict) {
    this.verdict = verdict;
  }
}
