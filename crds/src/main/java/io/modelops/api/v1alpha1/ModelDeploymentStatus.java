package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** Observed state of a ModelDeployment, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelDeploymentStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Runtime pods of every track (the scale subresource's status.replicas, for kubectl scale,"
          + " an HPA or KEDA).")
  @StatusReplicas
  private Integer replicas;

  @JsonPropertyDescription(
      "Label selector of the runtime pods of every track (the scale subresource's selector).")
  @LabelSelector
  private String selector;

  @JsonPropertyDescription("Summary of the deployment's state.")
  private Phase phase;

  @JsonPropertyDescription(
      "The model name served under /v2/models/{name}: spec.model.name, or metadata.name when"
          + " that is not set.")
  private String model;

  @JsonPropertyDescription(
      "Ready replicas over desired replicas of the stable track, for example 4/4.")
  private String ready;

  @JsonPropertyDescription("The stable track.")
  private TrackStatus stable;

  @JsonPropertyDescription("The canary track while a canary release runs.")
  private CanaryStatus canary;

  @JsonPropertyDescription("The canary release state machine (strategy Canary).")
  private ReleaseStatus release;

  @JsonPropertyDescription("The latest canary analysis.")
  private AnalysisStatus lastAnalysis;

  @JsonPropertyDescription("The latest disaster-recovery drill against this deployment.")
  private DrillSummary lastDrill;

  @JsonPropertyDescription("Where clients send inference requests.")
  private EndpointStatus endpoint;

  @JsonPropertyDescription("Standard conditions: Ready, Progressing, Degraded.")
  private List<Condition> conditions;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
  }

  public TrackStatus getStable() {
    return stable;
  }

  public void setStable(TrackStatus stable) {
    this.stable = stable;
  }

  public CanaryStatus getCanary() {
    return canary;
  }

  public void setCanary(CanaryStatus canary) {
    this.canary = canary;
  }

  public ReleaseStatus getRelease() {
    return release;
  }

  public void setRelease(ReleaseStatus release) {
    this.release = release;
  }

  public AnalysisStatus getLastAnalysis() {
    return lastAnalysis;
  }

  public void setLastAnalysis(AnalysisStatus lastAnalysis) {
    this.lastAnalysis = lastAnalysis;
  }

  public DrillSummary getLastDrill() {
    return lastDrill;
  }

  public void setLastDrill(DrillSummary lastDrill) {
    this.lastDrill = lastDrill;
  }

  public EndpointStatus getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(EndpointStatus endpoint) {
    this.endpoint = endpoint;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }
}
