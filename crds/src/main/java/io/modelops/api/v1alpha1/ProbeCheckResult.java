package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The worst value a Prometheus probe returned during the drill. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeCheckResult {

  @JsonPropertyDescription("The probe's name.")
  private String name;

  @JsonPropertyDescription(
      "Worst value seen (the one furthest past, or closest to, its limit); absent while the"
          + " query has returned no data.")
  private String value;

  @JsonPropertyDescription("The upper limit.")
  private String max;

  @JsonPropertyDescription("The lower limit.")
  private String min;

  @JsonPropertyDescription(
      "Why there is no value, or the last query error (no data is not a breach).")
  private String message;

  @JsonPropertyDescription("Whether the value stayed within the limit.")
  private Boolean passed;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
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

  public String getMin() {
    return min;
  }

  public void setMin(String min) {
    this.min = min;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Boolean getPassed() {
    return passed;
  }

  public void setPassed(Boolean passed) {
    this.passed = passed;
  }
}
