package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Burn limits: when the probes see worse than this, the drill stops injecting, removes its faults
 * and ends Aborted (reason SloBurn).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AbortThresholds {

  @JsonPropertyDescription(
      "Highest share of failed probe requests over a 10s window, above 0 and at most 1. Default"
          + " 0.05.")
  @Pattern(ApiPatterns.DECIMAL)
  @Size(max = 32)
  @ValidationRule(
      value = "double(self) > 0.0 && double(self) <= 1.0",
      message = "errorRatio must be above 0 and at most 1")
  private String errorRatio;

  @JsonPropertyDescription("Highest p99 probe latency over a 10s window, for example 500ms.")
  @Pattern(ApiPatterns.DURATION)
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) > duration('0s') && duration(self) <= duration('60s')",
      message = "p99Latency must be above 0 and at most 60s")
  private String p99Latency;

  public String getErrorRatio() {
    return errorRatio;
  }

  public void setErrorRatio(String errorRatio) {
    this.errorRatio = errorRatio;
  }

  public String getP99Latency() {
    return p99Latency;
  }

  public void setP99Latency(String p99Latency) {
    this.p99Latency = p99Latency;
  }
}
