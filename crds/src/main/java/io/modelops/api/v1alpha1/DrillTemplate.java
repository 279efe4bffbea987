package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What one drill does: the fault, who injects it, for how long, and how steady state and recovery
 * are judged. A DrillSchedule's {@code template}; a DrillRun's spec is this plus its target.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.engine) || self.engine != 'ChaosMesh' || !(self.fault.type in ['ReplicaLoss', 'NodeDrain'])",
    message = "the ChaosMesh engine cannot do ReplicaLoss or NodeDrain faults; use engine Native",
    fieldPath = ".engine",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!(self.fault.type in ['CpuStress', 'MemoryStress']) || (has(self.engine) && self.engine == 'ChaosMesh')",
    message = "CpuStress and MemoryStress faults need engine ChaosMesh",
    fieldPath = ".engine",
    reason = "FieldValueInvalid")
public class DrillTemplate {

  @JsonPropertyDescription("The fault to inject.")
  @Required
  private DrillFault fault;

  @JsonPropertyDescription(
      "Native (the operator injects the fault itself) or ChaosMesh (through Chaos Mesh objects)."
          + " Default Native.")
  private DrillEngine engine;

  @JsonPropertyDescription(
      "How long the fault is held (for PodKill and NodeDrain: how long the drill observes after"
          + " injecting), between 1s and 2h.")
  @Required
  @Pattern(ApiPatterns.DURATION)
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) >= duration('1s') && duration(self) <= duration('2h')",
      message = "duration must be between 1s and 2h")
  private String duration;

  @JsonPropertyDescription("Checks made before injecting; a failed one makes the run Skipped.")
  private DrillGuards guards;

  @JsonPropertyDescription("Probes that watch steady state during the drill.")
  private SteadyStateSpec steadyState;

  @JsonPropertyDescription("Burn limits that abort the drill early and remove its fault.")
  private AbortThresholds abort;

  @JsonPropertyDescription("The recovery time objective and how long to wait for recovery.")
  private RecoverySpec recovery;

  @JsonPropertyDescription(
      "Plan and record what would be injected, check the guards, inject nothing. Default false.")
  private Boolean dryRun;

  public DrillFault getFault() {
    return fault;
  }

  public void setFault(DrillFault fault) {
    this.fault = fault;
  }

  public DrillEngine getEngine() {
    return engine;
  }

  public void setEngine(DrillEngine engine) {
    this.engine = engine;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }

  public DrillGuards getGuards() {
    return guards;
  }

  public void setGuards(DrillGuards guards) {
    this.guards = guards;
  }

  public SteadyStateSpec getSteadyState() {
    return steadyState;
  }

  public void setSteadyState(SteadyStateSpec steadyState) {
    this.steadyState = steadyState;
  }

  public AbortThresholds getAbort() {
    return abort;
  }

  public void setAbort(AbortThresholds abort) {
    this.abort = abort;
  }

  public RecoverySpec getRecovery() {
    return recovery;
  }

  public void setRecovery(RecoverySpec recovery) {
    this.recovery = recovery;
  }

  public Boolean getDryRun() {
    return dryRun;
  }

  public void setDryRun(Boolean dryRun) {
    this.dryRun = dryRun;
  }
}
