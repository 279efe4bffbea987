package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Checks made before anything is injected; a failed guard makes the run Skipped with a reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillGuards {

  @JsonPropertyDescription(
      "Skip unless the target has at least this many ready replicas (0-1000). Default 1.")
  @Min(0)
  @Max(1000)
  private Integer minReadyReplicas;

  @JsonPropertyDescription("Skip unless the target's Ready condition is True. Default true.")
  private Boolean requireReady;

  @JsonPropertyDescription(
      "Skip while the target is releasing a new version, and abort when a release starts"
          + " mid-drill. Default true.")
  private Boolean skipDuringRelease;

  public Integer getMinReadyReplicas() {
    return minReadyReplicas;
  }

  public void setMinReadyReplicas(Integer minReadyReplicas) {
    this.minReadyReplicas = minReadyReplicas;
  }

  public Boolean getRequireReady() {
    return requireReady;
  }

  public void setRequireReady(Boolean requireReady) {
    this.requireReady = requireReady;
  }

  public Boolean getSkipDuringRelease() {
    return skipDuringRelease;
  }

  public void setSkipDuringRelease(Boolean skipDuringRelease) {
    this.skipDuringRelease = skipDuringRelease;
  }
}
