package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Horizontal autoscaling of the stable track. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
    message = "minReplicas must be less than or equal to maxReplicas",
    fieldPath = ".minReplicas")
public class AutoscalingSpec {

  @JsonPropertyDescription("Lower bound of replicas. Default 1.")
  @Min(1)
  @Max(1000)
  private Integer minReplicas;

  @JsonPropertyDescription("Upper bound of replicas.")
  @Required
  @Min(1)
  @Max(1000)
  private Integer maxReplicas;

  @JsonPropertyDescription("Average CPU utilization the HPA aims for. Default 70.")
  @Min(1)
  @Max(100)
  private Integer targetCPUUtilizationPercent;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCPUUtilizationPercent() {
    return targetCPUUtilizationPercent;
  }

  public void setTargetCPUUtilizationPercent(Integer targetCPUUtilizationPercent) {
    this.targetCPUUtilizationPercent = targetCPUUtilizationPercent;
  }
}
