package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The worst value a Prometheus probe returned during the drill. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeCheckResult {

  @JsonPropertyDescription("The probe's name.")
  private String name;

  @JsonPropertyDescription("Worst value seen.")
  private String value;

  @JsonPropertyDescription("The limit.")
  private String max;

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

  public Boolean getPassed() {
    return passed;
  }

  public void setPassed(Boolean passed) {
    this.passed = passed;
  }
}
