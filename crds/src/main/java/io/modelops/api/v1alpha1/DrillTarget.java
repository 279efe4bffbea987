package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The ModelDeployment (in the drill's namespace) a drill injects its fault into. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillTarget {

  @JsonPropertyDescription("Name of the ModelDeployment in the same namespace.")
  @Required
  @Size(max = 253)
  @Pattern(ApiPatterns.DNS_SUBDOMAIN)
  private String modelDeployment;

  @JsonPropertyDescription(
      "Which pods: Stable, Canary (only while a canary runs, otherwise the drill is Skipped) or"
          + " All. Default Stable.")
  private DrillTrack track;

  public String getModelDeployment() {
    return modelDeployment;
  }

  public void setModelDeployment(String modelDeployment) {
    this.modelDeployment = modelDeployment;
  }

  public DrillTrack getTrack() {
    return track;
  }

  public void setTrack(DrillTrack track) {
    this.track = track;
  }
}
