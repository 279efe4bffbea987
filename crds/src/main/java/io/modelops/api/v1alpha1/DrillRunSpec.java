package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * One drill: its target plus a {@link DrillTemplate}. A DrillSchedule copies its target and
 * template here; a person may write one by hand to run a drill now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillRunSpec extends DrillTemplate {

  @JsonPropertyDescription("The ModelDeployment the drill injects its fault into.")
  @Required
  private DrillTarget target;

  public DrillTarget getTarget() {
    return target;
  }

  public void setTarget(DrillTarget target) {
    this.target = target;
  }
}
