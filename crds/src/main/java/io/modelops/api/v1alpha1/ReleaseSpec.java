package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How a model change reaches production. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.strategy) || self.strategy != 'Canary' || has(self.canary)",
    message = "canary is required when strategy is Canary",
    fieldPath = ".canary",
    reason = "FieldValueRequired")
public class ReleaseSpec {

  @JsonPropertyDescription(
      "RollingUpdate replaces the stable pods in place; Canary runs the new version beside stable and walks the canary steps. Default RollingUpdate.")
  private ReleaseStrategy strategy;

  @JsonPropertyDescription(
      "Canary steps, traffic routing and analysis; required when strategy is Canary.")
  private CanarySpec canary;

  @JsonPropertyDescription(
      "A release that makes no progress for this long is marked Degraded with reason ProgressDeadlineExceeded. Default 15m.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$")
  @Size(max = 32)
  private String progressDeadline;

  @JsonPropertyDescription("Manual hold: true freezes the release at its current step.")
  private Boolean paused;

  public ReleaseStrategy getStrategy() {
    return strategy;
  }

  public void setStrategy(ReleaseStrategy strategy) {
    this.strategy = strategy;
  }

  public CanarySpec getCanary() {
    return canary;
  }

  public void setCanary(CanarySpec canary) {
    this.canary = canary;
  }

  public String getProgressDeadline() {
    return progressDeadline;
  }

  public void setProgressDeadline(String progressDeadline) {
    this.progressDeadline = progressDeadline;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }
}
