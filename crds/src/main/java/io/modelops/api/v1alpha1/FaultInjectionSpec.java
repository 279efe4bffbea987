package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Opt-in to the runtime's fault admin API, which Native drills use for RuntimeLatency,
 * RuntimeErrors and RuntimeUnready. Off by default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FaultInjectionSpec {

  @JsonPropertyDescription(
      "true: the operator creates the Secret <name>-fault-token with a random token, mounts it"
          + " into the runtime pods and turns the runtime's fault admin API on (drills can then"
          + " inject runtime faults). Default false: no Secret, no admin API. Changing it rolls the"
          + " pods like any runtime change.")
  private Boolean enabled;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }
}
