package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Synthetic V2 inference requests sent through the target's Service during the drill. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeTraffic {

  @JsonPropertyDescription(
      "Requests per second (1-1000). Default: 1% of the deployment's measured capacity, at least"
          + " 1.")
  @Min(1)
  @Max(1000)
  private Integer ratePerSecond;

  @JsonPropertyDescription(
      "A request slower than this counts as an error, at most 30s. Default 1s.")
  @Pattern(ApiPatterns.DURATION)
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) > duration('0s') && duration(self) <= duration('30s')",
      message = "timeout must be above 0 and at most 30s")
  private String timeout;

  public Integer getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(Integer ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }
}
