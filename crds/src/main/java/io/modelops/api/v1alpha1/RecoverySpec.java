package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What recovery the drill expects after its fault is removed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.rto) || !has(self.timeout) || duration(self.rto) <= duration(self.timeout)",
    message = "rto must not be longer than timeout",
    fieldPath = ".rto")
public class RecoverySpec {

  @JsonPropertyDescription(
      "Recovery time objective: the drill Passes only if steady state and the ready replicas are"
          + " back within this, at most 1h. Default 60s.")
  @Pattern(ApiPatterns.DURATION)
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) >= duration('1s') && duration(self) <= duration('1h')",
      message = "rto must be between 1s and 1h")
  private String rto;

  @JsonPropertyDescription(
      "How long to wait for recovery before the verdict is Failed, at most 2h. Default 10m.")
  @Pattern(ApiPatterns.DURATION)
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) >= duration('1s') && duration(self) <= duration('2h')",
      message = "timeout must be between 1s and 2h")
  private String timeout;

  public String getRto() {
    return rto;
  }

  public void setRto(String rto) {
    this.rto = rto;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }
}
