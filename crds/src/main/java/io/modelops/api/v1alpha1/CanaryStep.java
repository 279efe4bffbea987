package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One canary step. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStep {

  @JsonPropertyDescription("Percent of traffic (0-100) the canary receives in this step.")
  @Required
  @Min(0)
  @Max(100)
  private Integer weight;

  @JsonPropertyDescription(
      "How long the step lasts while analysis runs, for example 5m. Unset: analysis decides after one interval.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$")
  @Size(max = 32)
  private String pause;

  public Integer getWeight() {
    return weight;
  }

  public void setWeight(Integer weight) {
    this.weight = weight;
  }

  public String getPause() {
    return pause;
  }

  public void setPause(String pause) {
    this.pause = pause;
  }
}
