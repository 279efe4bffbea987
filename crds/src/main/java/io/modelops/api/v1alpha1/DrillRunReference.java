package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An active DrillRun of a schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillRunReference {

  @JsonPropertyDescription("DrillRun name.")
  private String name;

  @JsonPropertyDescription("The scheduled time it was created for (RFC 3339).")
  private String scheduledTime;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getScheduledTime() {
    return scheduledTime;
  }

  public void setScheduledTime(String scheduledTime) {
    this.scheduledTime = scheduledTime;
  }
}
