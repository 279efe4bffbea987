package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One fault from the catalogue, with the parameters its type needs and no others: {@code replicas}
 * for ReplicaLoss, {@code latency} for RuntimeLatency, {@code errorRatio} for RuntimeErrors; every
 * other type selects pods with {@code mode} (and {@code fraction}). CpuStress takes {@code workers}
 * and {@code load}, MemoryStress {@code workers} and {@code size}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type != 'ReplicaLoss' || has(self.replicas)",
    message = "replicas is required for a ReplicaLoss fault",
    fieldPath = ".replicas",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.type == 'ReplicaLoss' || !has(self.replicas)",
    message = "replicas applies only to ReplicaLoss",
    fieldPath = ".replicas",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.type != 'ReplicaLoss' || !has(self.mode)",
    message =
        "mode does not apply to ReplicaLoss, which removes replicas rather than selecting pods",
    fieldPath = ".mode",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.type != 'RuntimeLatency' || has(self.latency)",
    message = "latency is required for a RuntimeLatency fault",
    fieldPath = ".latency",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.type == 'RuntimeLatency' || !has(self.latency)",
    message = "latency applies only to RuntimeLatency",
    fieldPath = ".latency",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.type != 'RuntimeErrors' || has(self.errorRatio)",
    message = "errorRatio is required for a RuntimeErrors fault",
    fieldPath = ".errorRatio",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.type == 'RuntimeErrors' || !has(self.errorRatio)",
    message = "errorRatio applies only to RuntimeErrors",
    fieldPath = ".errorRatio",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(self.mode) || self.mode != 'Fraction' || has(self.fraction)",
    message = "fraction is required when mode is Fraction",
    fieldPath = ".fraction",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "!has(self.fraction) || (has(self.mode) && self.mode == 'Fraction')",
    message = "fraction applies only when mode is Fraction",
    fieldPath = ".fraction",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.type in ['CpuStress', 'MemoryStress'] || !has(self.workers)",
    message = "workers applies only to CpuStress and MemoryStress",
    fieldPath = ".workers",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.type == 'CpuStress' || !has(self.load)",
    message = "load applies only to CpuStress",
    fieldPath = ".load",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "self.type != 'MemoryStress' || has(self.size)",
    message = "size is required for a MemoryStress fault",
    fieldPath = ".size",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.type == 'MemoryStress' || !has(self.size)",
    message = "size applies only to MemoryStress",
    fieldPath = ".size",
    reason = "FieldValueForbidden")
public class DrillFault {

  @JsonPropertyDescription(
      "The fault: PodKill, ReplicaLoss, RuntimeLatency, RuntimeErrors, RuntimeUnready,"
          + " NetworkPartition, NodeDrain, CpuStress or MemoryStress (the last two: engine"
          + " ChaosMesh only).")
  @Required
  private FaultType type;

  @JsonPropertyDescription(
      "Which of the track's pods: One (default), Fraction (see fraction) or All. Not for"
          + " ReplicaLoss. NodeDrain drains the nodes of the selected pods.")
  private FaultMode mode;

  @JsonPropertyDescription(
      "Share of the pods when mode is Fraction, above 0 and at most 1, for example \"0.5\";"
          + " rounded up to whole pods, at least one.")
  @Pattern(ApiPatterns.DECIMAL)
  @Size(max = 32)
  @ValidationRule(
      value = "double(self) > 0.0 && double(self) <= 1.0",
      message = "fraction must be above 0 and at most 1")
  private String fraction;

  @JsonPropertyDescription(
      "ReplicaLoss: how many replicas to take away for the drill's duration (1-1000).")
  @Min(1)
  @Max(1000)
  private Integer replicas;

  @JsonPropertyDescription("RuntimeLatency: latency added to each inference response, at most 60s.")
  @Pattern(ApiPatterns.DURATION)
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) > duration('0s') && duration(self) <= duration('60s')",
      message = "latency must be above 0 and at most 60s")
  private String latency;

  @JsonPropertyDescription(
      "RuntimeErrors: share of inference requests answered with an error, above 0 and at most 1.")
  @Pattern(ApiPatterns.DECIMAL)
  @Size(max = 32)
  @ValidationRule(
      value = "double(self) > 0.0 && double(self) <= 1.0",
      message = "errorRatio must be above 0 and at most 1")
  private String errorRatio;

  @JsonPropertyDescription(
      "CpuStress, MemoryStress: stress workers per selected pod (1-64, default 1).")
  @Min(1)
  @Max(64)
  private Integer workers;

  @JsonPropertyDescription("CpuStress: percent load per worker (1-100, default 100).")
  @Min(1)
  @Max(100)
  private Integer load;

  @JsonPropertyDescription(
      "MemoryStress: memory each worker takes, in B, KB, KiB, MB, MiB, GB or GiB (\"256MiB\"), or"
          + " a percent of the pod's available memory (\"50%\").")
  @Pattern("^([1-9][0-9]{0,5}(B|KB|KiB|MB|MiB|GB|GiB)|([1-9][0-9]?|100)%)$")
  @Size(max = 16)
  private String size;

  public FaultType getType() {
    return type;
  }

  public void setType(FaultType type) {
    this.type = type;
  }

  public FaultMode getMode() {
    return mode;
  }

  public void setMode(FaultMode mode) {
    this.mode = mode;
  }

  public String getFraction() {
    return fraction;
  }

  public void setFraction(String fraction) {
    this.fraction = fraction;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String getLatency() {
    return latency;
  }

  public void setLatency(String latency) {
    this.latency = latency;
  }

  public String getErrorRatio() {
    return errorRatio;
  }

  public void setErrorRatio(String errorRatio) {
    this.errorRatio = errorRatio;
  }

  public Integer getWorkers() {
    return workers;
  }

  public void setWorkers(Integer workers) {
    this.workers = workers;
  }

  public Integer getLoad() {
    return load;
  }

  public void setLoad(Integer load) {
    this.load = load;
  }

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }
}
