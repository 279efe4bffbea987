package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * State of the canary release, written by the operator. Everything the release state machine needs
 * to continue after an operator restart lives here; nothing is kept in memory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReleaseStatus {

  @JsonPropertyDescription("Progressing, Paused, Promoting, RolledBack or Healthy.")
  private ReleasePhase phase;

  @JsonPropertyDescription(
      "CamelCase reason of the latest transition, for example StepPassed, AnalysisFailed, Aborted.")
  private String reason;

  @JsonPropertyDescription(
      "Why the release is where it is, for example the failing check with its value and threshold.")
  private String message;

  @JsonPropertyDescription("Pod template revision the release rolls out (the canary's).")
  private String revision;

  @JsonPropertyDescription("Model version the release rolls out.")
  private String version;

  @JsonPropertyDescription("Pod template revision the stable track runs and a rollback returns to.")
  private String stableRevision;

  @JsonPropertyDescription(
      "Desired replicas N the steps split between the tracks (fixed for the release).")
  private Integer replicas;

  @JsonPropertyDescription("Index of the current canary step (0-based).")
  private Integer step;

  @JsonPropertyDescription("Number of canary steps.")
  private Integer steps;

  @JsonPropertyDescription("The current step as i/n (1-based), for kubectl get.")
  private String progress;

  @JsonPropertyDescription(
      "When the current step's replica split was reached (RFC 3339); unset while scaling.")
  private String stepStartedAt;

  @JsonPropertyDescription(
      "When the release last made progress (RFC 3339); spec.release.progressDeadline counts from here.")
  private String progressedAt;

  @JsonPropertyDescription("Passed analysis intervals in the current step.")
  private Integer passedIntervals;

  @JsonPropertyDescription("Failed analysis intervals in this release.")
  private Integer failedIntervals;

  @JsonPropertyDescription("End of the latest analysis interval the release counted (RFC 3339).")
  private String lastAnalysisAt;

  @JsonPropertyDescription(
      "When this release started (RFC 3339); the release duration metric counts from here.")
  private String startedAt;

  @JsonPropertyDescription(
      "Revision that was rolled back: not released again until the spec names another one, or the retry annotation is set.")
  private String rejectedRevision;

  public ReleasePhase getPhase() {
    return phase;
  }

  public void setPhase(ReleasePhase phase) {
    this.phase = phase;
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

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getStableRevision() {
    return stableRevision;
  }

  public void setStableRevision(String stableRevision) {
    this.stableRevision = stableRevision;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getStep() {
    return step;
  }

  public void setStep(Integer step) {
    this.step = step;
  }

  public Integer getSteps() {
    return steps;
  }

  public void setSteps(Integer steps) {
    this.steps = steps;
  }

  public String getProgress() {
    return progress;
  }

  public void setProgress(String progress) {
    this.progress = progress;
  }

  public String getStepStartedAt() {
    return stepStartedAt;
  }

  public void setStepStartedAt(String stepStartedAt) {
    this.stepStartedAt = stepStartedAt;
  }

  public String getProgressedAt() {
    return progressedAt;
  }

  public void setProgressedAt(String progressedAt) {
    this.progressedAt = progressedAt;
  }

  public Integer getPassedIntervals() {
    return passedIntervals;
  }

  public void setPassedIntervals(Integer passedIntervals) {
    this.passedIntervals = passedIntervals;
  }

  public Integer getFailedIntervals() {
    return failedIntervals;
  }

  public void setFailedIntervals(Integer failedIntervals) {
    this.failedIntervals = failedIntervals;
  }

  public String getLastAnalysisAt() {
    return lastAnalysisAt;
  }

  public void setLastAnalysisAt(String lastAnalysisAt) {
    this.lastAnalysisAt = lastAnalysisAt;
  }

  public String getRejectedRevision() {
    return rejectedRevision;
  }

  public void setRejectedRevision(String rejectedRevision) {
    this.rejectedRevision = rejectedRevision;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }
}
