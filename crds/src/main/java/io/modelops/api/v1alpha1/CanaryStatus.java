package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of the canary track. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStatus {

  @JsonPropertyDescription("Model version under test.")
  private String version;

  @JsonPropertyDescription("Short hash of the canary pod template.")
  private String revision;

  @JsonPropertyDescription("Ready canary replicas.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Percent of traffic the canary receives now.")
  private Integer weight;

  @JsonPropertyDescription("Index of the current canary step (0-based).")
  private Integer step;

  @JsonPropertyDescription(
      "GPU ModelDeployments only: the device the ready canary pods serve on (cuda, cpu or mixed).")
  private String device;

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getWeight() {
    return weight;
  }

  public void setWeight(Integer weight) {
    this.weight = weight;
  }

  public Integer getStep() {
    return step;
  }

  public void setStep(Integer step) {
    this.step = step;
  }

  public String getDevice() {
    return device;
  }

  public void setDevice(String device) {
    this.device = device;
  }
}
