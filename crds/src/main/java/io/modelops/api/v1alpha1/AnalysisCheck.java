package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One analysis check: an absolute bound ({@code max}), a bound relative to the stable track ({@code
 * relativeTo} with {@code maxIncrease}), or both (the canary must then stay within each). {@code
 * RequestRate} is bounded from below instead: {@code min}, {@code relativeTo} with {@code
 * maxDecrease}, or both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.max) || self.metric != 'ErrorRatio' || double(self.max) <= 1.0",
    message = "max of an ErrorRatio check is a ratio between 0 and 1",
    fieldPath = ".max")
@ValidationRule(
    value = "self.metric == 'RequestRate' || has(self.max) || has(self.relativeTo)",
    message = "max is required unless relativeTo is set",
    fieldPath = ".max",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.metric == 'RequestRate' || has(self.relativeTo) == has(self.maxIncrease)",
    message = "relativeTo and maxIncrease are set together",
    fieldPath = ".maxIncrease",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.metric != 'ScoreDriftPSI' || !has(self.relativeTo)",
    message = "ScoreDriftPSI already compares the canary with the stable; it takes max only",
    fieldPath = ".relativeTo")
@ValidationRule(
    value = "self.metric != 'RequestRate' || (!has(self.max) && !has(self.maxIncrease))",
    message = "RequestRate is a lower bound: it takes min and maxDecrease, not max or maxIncrease",
    fieldPath = ".metric")
@ValidationRule(
    value = "self.metric == 'RequestRate' || (!has(self.min) && !has(self.maxDecrease))",
    message = "min and maxDecrease are for RequestRate only",
    fieldPath = ".metric")
@ValidationRule(
    value = "self.metric != 'RequestRate' || has(self.min) || has(self.relativeTo)",
    message = "min is required unless relativeTo is set",
    fieldPath = ".min",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.metric != 'RequestRate' || has(self.relativeTo) == has(self.maxDecrease)",
    message = "relativeTo and maxDecrease are set together",
    fieldPath = ".maxDecrease",
    reason = "FieldValueRequired")
public class AnalysisCheck {

  @JsonPropertyDescription("What is measured on the canary.")
  @Required
  private AnalysisMetric metric;

  @JsonPropertyDescription(
      "Highest value that passes, as a decimal string; required unless relativeTo is set.")
  @Pattern("^[0-9]+(\\.[0-9]+)?$")
  @Size(max = 32)
  private String max;

  @JsonPropertyDescription(
      "Stable: the canary's value is compared with the stable track's over the same interval"
          + " (needs maxIncrease).")
  private AnalysisBaseline relativeTo;

  @JsonPropertyDescription(
      "With relativeTo: how much higher than the stable's value the canary's may be, a percentage"
          + " of it (\"20%\") or an amount in the metric's unit (\"5\": 5 ms for P99LatencyMs or P50LatencyMs).")
  @Pattern("^[0-9]+(\\.[0-9]+)?%?$")
  @Size(max = 32)
  private String maxIncrease;

  @JsonPropertyDescription(
      "RequestRate only: lowest value that passes (requests per second per ready canary pod), as a"
          + " decimal string; required unless relativeTo is set.")
  @Pattern("^[0-9]+(\\.[0-9]+)?$")
  @Size(max = 32)
  private String min;

  @JsonPropertyDescription(
      "RequestRate with relativeTo: how much lower than the stable's per-pod rate the canary's may"
          + " be, a percentage of it (\"50%\") or an amount in requests per second (\"2\").")
  @Pattern("^[0-9]+(\\.[0-9]+)?%?$")
  @Size(max = 32)
  private String maxDecrease;

  public String getMin() {
    return min;
  }

  public void setMin(String min) {
    this.min = min;
  }

  public String getMaxDecrease() {
    return maxDecrease;
  }

  public void setMaxDecrease(String maxDecrease) {
    this.maxDecrease = maxDecrease;
  }

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

  public AnalysisBaseline getRelativeTo() {
    return relativeTo;
  }

  public void setRelativeTo(AnalysisBaseline relativeTo) {
    this.relativeTo = relativeTo;
  }

  public String getMaxIncrease() {
    return maxIncrease;
  }

  public void setMaxIncrease(String maxIncrease) {
    this.maxIncrease = maxIncrease;
  }
}
