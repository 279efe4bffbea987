package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Service-level objectives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SloSpec {

  @JsonPropertyDescription("99th percentile latency objective, for example 50ms.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$")
  @Size(max = 32)
  private String latencyP99;

  @JsonPropertyDescription("Highest share of failed requests, for example \"0.001\".")
  @Pattern("^[0-9]+(\\.[0-9]+)?$")
  @Size(max = 32)
  @ValidationRule(value = "double(self) <= 1.0", message = "errorRatio must be between 0 and 1")
  private String errorRatio;

  @JsonPropertyDescription("Availability objective in percent, for example \"99.9\".")
  @Pattern("^[0-9]+(\\.[0-9]+)?$")
  @Size(max = 32)
  @ValidationRule(
      value = "double(self) <= 100.0",
      message = "availability must be a percentage between 0 and 100")
  private String availability;

  public String getLatencyP99() {
    return latencyP99;
  }

  public void setLatencyP99(String latencyP99) {
    this.latencyP99 = latencyP99;
  }

  public String getErrorRatio() {
    return errorRatio;
  }

  public void setErrorRatio(String errorRatio) {
    this.errorRatio = errorRatio;
  }

  public String getAvailability() {
    return availability;
  }

  public void setAvailability(String availability) {
    this.availability = availability;
  }
}
