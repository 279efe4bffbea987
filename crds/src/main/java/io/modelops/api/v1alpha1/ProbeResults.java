package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What the steady-state probes measured over the whole drill. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeResults {

  @JsonPropertyDescription("Synthetic requests sent.")
  private Long requests;

  @JsonPropertyDescription("Of those, failed or timed out.")
  private Long errors;

  @JsonPropertyDescription("Highest error ratio over any 10s window, a decimal string.")
  private String worstErrorRatio;

  @JsonPropertyDescription("Highest p99 latency over any 10s window, for example 38ms.")
  private String worstP99Latency;

  @JsonPropertyDescription(
      "Synthetic requests per second sent: spec.steadyState.traffic.ratePerSecond, or 1% of"
          + " capacityPerSecond (at least 1, at most 1000), or 1 when the capacity could not be"
          + " measured.")
  private Integer ratePerSecond;

  @JsonPropertyDescription(
      "Capacity of the target's ready pods when probing started, requests per second, measured"
          + " from the runtime's own metrics (per pod: successful requests / their total time);"
          + " absent when not measured.")
  private Integer capacityPerSecond;

  @JsonPropertyDescription("Results of the Prometheus probes.")
  private List<ProbeCheckResult> prometheus;

  public Long getRequests() {
    return requests;
  }

  public void setRequests(Long requests) {
    this.requests = requests;
  }

  public Long getErrors() {
    return errors;
  }

  public void setErrors(Long errors) {
    this.errors = errors;
  }

  public String getWorstErrorRatio() {
    return worstErrorRatio;
  }

  public void setWorstErrorRatio(String worstErrorRatio) {
    this.worstErrorRatio = worstErrorRatio;
  }

  public String getWorstP99Latency() {
    return worstP99Latency;
  }

  public void setWorstP99Latency(String worstP99Latency) {
    this.worstP99Latency = worstP99Latency;
  }

  public Integer getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(Integer ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
  }

  public Integer getCapacityPerSecond() {
    return capacityPerSecond;
  }

  public void setCapacityPerSecond(Integer capacityPerSecond) {
    this.capacityPerSecond = capacityPerSecond;
  }

  public List<ProbeCheckResult> getPrometheus() {
    return prometheus;
  }

  public void setPrometheus(List<ProbeCheckResult> prometheus) {
    this.prometheus = prometheus;
  }
}
