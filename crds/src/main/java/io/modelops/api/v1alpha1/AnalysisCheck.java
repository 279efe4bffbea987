package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One analysis check. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.metric != 'ErrorRatio' || double(self.max) <= 1.0",
    message = "max of an ErrorRatio check is a ratio between 0 and 1",
    fieldPath = ".max")
public class AnalysisCheck {

  @JsonPropertyDescription("What is measured on the canary.")
  @Required
  private AnalysisMetric metric;

  @JsonPropertyDescription("Highest value that passes, as a decimal string.")
  @Required
  @Pattern("^[0-9]+(\\.[0-9]+)?$")
  @Size(max = 32)
  private String max;

  public AnalysisMetric getMetric() {
    return metric;
  }

  public void setMetric(AnalysisMetric metric) {
    this.metric = metric;
  }

  public String getMax() {
    return max;
  }

  public void setMax(String max) {
    this.max = max;
  }
}
