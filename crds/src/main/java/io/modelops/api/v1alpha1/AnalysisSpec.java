package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Canary analysis settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisSpec {

  @JsonPropertyDescription("Time between analysis checks. Default 30s.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$")
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) >= duration('1s') && duration(self) <= duration('1h')",
      message = "interval must be between 1s and 1h")
  private String interval;

  @JsonPropertyDescription(
      "Failed analysis intervals in one release that trigger the rollback (0 and 1 both mean the first failed interval). Default 2.")
  @Min(0)
  @Max(100)
  private Integer failureLimit;

  @JsonPropertyDescription(
      "What to do when there is no traffic or no data: Pause or Rollback. Default Pause.")
  private InconclusivePolicy inconclusive;

  @JsonPropertyDescription("Where metrics come from. Default PodMetrics.")
  private AnalysisSource source;

  @JsonPropertyDescription("Checks in addition to the ones derived from spec.slo.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(c, self.exists_one(d, d.metric == c.metric))",
      message = "each metric may be checked at most once")
  private List<AnalysisCheck> checks;

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public Integer getFailureLimit() {
    return failureLimit;
  }

  public void setFailureLimit(Integer failureLimit) {
    this.failureLimit = failureLimit;
  }

  public InconclusivePolicy getInconclusive() {
    return inconclusive;
  }

  public void setInconclusive(InconclusivePolicy inconclusive) {
    this.inconclusive = inconclusive;
  }

  public AnalysisSource getSource() {
    return source;
  }

  public void setSource(AnalysisSource source) {
    this.source = source;
  }

  public List<AnalysisCheck> getChecks() {
    return checks;
  }

  public void setChecks(List<AnalysisCheck> checks) {
    this.checks = checks;
  }
}
