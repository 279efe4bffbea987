package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A metrics source for analysis. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type != 'Prometheus' || has(self.address)",
    message = "address is required when type is Prometheus",
    fieldPath = ".address",
    reason = "FieldValueRequired")
public class AnalysisSource {

  @JsonPropertyDescription(
      "PodMetrics scrapes the runtime pods directly; Prometheus queries a Prometheus server.")
  @Required
  private AnalysisSourceType type;

  @JsonPropertyDescription("Prometheus base URL; required when type is Prometheus.")
  @Pattern("^https?://[^\\s]+$")
  @Size(max = 2048)
  private String address;

  public AnalysisSourceType getType() {
    return type;
  }

  public void setType(AnalysisSourceType type) {
    this.type = type;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }
}
