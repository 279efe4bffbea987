package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Canary release settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.trafficRouting) || self.trafficRouting != 'GatewayAPI' || has(self.gatewayAPI)",
    message = "gatewayAPI.httpRoute is required when trafficRouting is GatewayAPI",
    fieldPath = ".gatewayAPI",
    reason = "FieldValueRequired")
@ValidationRule(
    value =
        "!has(self.greyRelease) || (has(self.trafficRouting) && self.trafficRouting == 'GatewayAPI')",
    message = "greyRelease needs trafficRouting GatewayAPI",
    fieldPath = ".greyRelease")
@ValidationRule(
    value =
        "self.steps.all(s, !has(s.pause) || duration(s.pause) >= duration(has(self.analysis) && has(self.analysis.interval) ? self.analysis.interval : '30s'))",
    message =
        "every step pause must be at least analysis.interval (default 30s), or no analysis would run in that step",
    fieldPath = ".steps")
public class CanarySpec {

  @JsonPropertyDescription(
      "Traffic steps, weights ascending within 0-100; analysis runs during each pause.")
  @Required
  @Size(min = 1, max = 20)
  @ValidationRule(
      value =
          "self.map(s, s.weight).isSorted() && self.all(s, self.exists_one(t, t.weight == s.weight))",
      message = "canary step weights must be strictly ascending")
  private List<CanaryStep> steps;

  @JsonPropertyDescription(
      "Replicas splits traffic by replica ratio behind one Service; GatewayAPI sets HTTPRoute backend weights. Default Replicas.")
  private TrafficRouting trafficRouting;

  @JsonPropertyDescription(
      "The HTTPRoute the operator manages; required when trafficRouting is GatewayAPI.")
  private GatewayApiRouting gatewayAPI;

  @JsonPropertyDescription(
      "Cohort routing: matching requests go to the canary at every step (GatewayAPI only).")
  private GreyRelease greyRelease;

  @JsonPropertyDescription(
      "Extra pods the canary may add on top of stable; stable scales down as the canary scales up so GPUs are never doubled. Default 1.")
  @Min(0)
  @Max(100)
  private Integer maxSurgeReplicas;

  @JsonPropertyDescription("How the canary is judged at each step.")
  private AnalysisSpec analysis;

  public List<CanaryStep> getSteps() {
    return steps;
  }

  public void setSteps(List<CanaryStep> steps) {
    this.steps = steps;
  }

  public TrafficRouting getTrafficRouting() {
    return trafficRouting;
  }

  public void setTrafficRouting(TrafficRouting trafficRouting) {
    this.trafficRouting = trafficRouting;
  }

  public GatewayApiRouting getGatewayAPI() {
    return gatewayAPI;
  }

  public void setGatewayAPI(GatewayApiRouting gatewayAPI) {
    this.gatewayAPI = gatewayAPI;
  }

  public GreyRelease getGreyRelease() {
    return greyRelease;
  }

  public void setGreyRelease(GreyRelease greyRelease) {
    this.greyRelease = greyRelease;
  }

  public Integer getMaxSurgeReplicas() {
    return maxSurgeReplicas;
  }

  public void setMaxSurgeReplicas(Integer maxSurgeReplicas) {
    this.maxSurgeReplicas = maxSurgeReplicas;
  }

  public AnalysisSpec getAnalysis() {
    return analysis;
  }

  public void setAnalysis(AnalysisSpec analysis) {
    this.analysis = analysis;
  }
}
