package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a DrillRun, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillRunStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Pending, Skipped, Injecting, Observing, Recovering, Completed, Aborted or Failed.")
  private DrillRunPhase phase;

  @JsonPropertyDescription("Passed, Failed, Aborted, Skipped or Error; set when the run ends.")
  private DrillVerdict verdict;

  @JsonPropertyDescription(
      "CamelCase reason of the verdict: RtoMet, RtoExceeded, SloBurn, Blackout, KillSwitch,"
          + " TargetNotReady, TooFewReadyReplicas, ReleaseInProgress, Replaced, ...")
  private String reason;

  @JsonPropertyDescription("Human-readable detail of the reason.")
  private String message;

  @JsonPropertyDescription("When the operator started the run (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the fault was injected (RFC 3339).")
  private String injectionTime;

  @JsonPropertyDescription("When the fault was removed (RFC 3339).")
  private String faultRemovalTime;

  @JsonPropertyDescription("When steady state and the ready replicas were back (RFC 3339).")
  private String recoveryTime;

  @JsonPropertyDescription("When the run ended (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription(
      "Measured recovery time at 1s resolution, for example 41s: from the fault's removal (or"
          + " its injection, for faults the system must absorb) to recovery.")
  private String rto;

  @JsonPropertyDescription(
      "Ready replicas of the targeted track before the fault, the count recovery must reach again.")
  private Integer baselineReadyReplicas;

  @JsonPropertyDescription("Every fault, recorded before it is injected.")
  private List<InjectedFault> faults;

  @JsonPropertyDescription("What the steady-state probes measured.")
  private ProbeResults probes;

  @JsonPropertyDescription("Standard conditions.")
  private List<Condition> conditions;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public DrillRunPhase getPhase() {
    return phase;
  }

  public void setPhase(DrillRunPhase phase) {
    this.phase = phase;
  }

  public DrillVerdict getVerdict() {
    return verdict;
  }

  public void setVerdict(DrillVerdict verdict) {
    this.verdict = verdict;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getInjectionTime() {
    return injectionTime;
  }

  public void setInjectionTime(String injectionTime) {
    this.injectionTime = injectionTime;
  }

  public String getFaultRemovalTime() {
    return faultRemovalTime;
  }

  public void setFaultRemovalTime(String faultRemovalTime) {
    this.faultRemovalTime = faultRemovalTime;
  }

  public String getRecoveryTime() {
    return recoveryTime;
  }

  public void setRecoveryTime(String recoveryTime) {
    this.recoveryTime = recoveryTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getRto() {
    return rto;
  }

  public void setRto(String rto) {
    this.rto = rto;
  }

  public Integer getBaselineReadyReplicas() {
    return baselineReadyReplicas;
  }

  public void setBaselineReadyReplicas(Integer baselineReadyReplicas) {
    this.baselineReadyReplicas = baselineReadyReplicas;
  }

  public List<InjectedFault> getFaults() {
    return faults;
  }

  public void setFaults(List<InjectedFault> faults) {
    this.faults = faults;
  }

  public ProbeResults getProbes() {
    return probes;
  }

  public void setProbes(ProbeResults probes) {
    this.probes = probes;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
