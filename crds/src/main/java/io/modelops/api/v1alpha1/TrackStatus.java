package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of one track. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrackStatus {

  @JsonPropertyDescription("Model version served.")
  private String version;

  @JsonPropertyDescription("Short hash of the pod template the track runs.")
  private String revision;

  @JsonPropertyDescription("Desired replicas.")
  private Integer replicas;

  @JsonPropertyDescription("Ready replicas.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Replicas already on the current revision.")
  private Integer updatedReplicas;

  @JsonPropertyDescription(
      "GPU ModelDeployments only: the device the ready pods serve on, as their runtimes report it"
          + " (cuda, cpu, or mixed when they differ). Unset until a ready pod has been asked.")
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

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getUpdatedReplicas() {
    return updatedReplicas;
  }

  public void setUpdatedReplicas(Integer updatedReplicas) {
    this.updatedReplicas = updatedReplicas;
  }

  public String getDevice() {
    return device;
  }

  public void setDevice(String device) {
    this.device = device;
  }
}
