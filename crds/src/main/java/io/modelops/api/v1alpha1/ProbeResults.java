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

  public List<ProbeCheckResult> getPrometheus() {
    return prometheus;
  }

  public void setPrometheus(List<ProbeCheckResult> prometheus) {
    this.prometheus = prometheus;
  }
}
