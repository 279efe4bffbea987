package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Settings copied onto the runtime pods as they are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodTemplateOverrides {

  @JsonPropertyDescription("Extra pod labels (the operator's own labels win on conflict).")
  private Map<String, String> labels;

  @JsonPropertyDescription("Extra pod annotations.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Extra node selector entries.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Extra tolerations.")
  @Size(max = 32)
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Pod affinity and anti-affinity.")
  private Affinity affinity;

  @JsonPropertyDescription(
      "Extra environment variables of the runtime container, for runtime settings the spec has no field for (for example RUNTIME_ORT_INTRA_OP_THREADS). Names the operator sets from the spec are refused: MODEL_*, RUNTIME_PORT, RUNTIME_DEVICE*, RUNTIME_BATCH_MAX_* and RUNTIME_ADMIN_* (fault hooks are enabled by the operator only).")
  @Size(max = 64)
  @ValidationRule(
      value =
          "self.all(e, !e.name.startsWith('MODEL_') && !e.name.startsWith('RUNTIME_PORT') && !e.name.startsWith('RUNTIME_DEVICE') && !e.name.startsWith('RUNTIME_BATCH_MAX_') && !e.name.startsWith('RUNTIME_ADMIN_'))",
      message =
          "env must not set MODEL_*, RUNTIME_PORT, RUNTIME_DEVICE*, RUNTIME_BATCH_MAX_* or RUNTIME_ADMIN_*: the operator sets them from the spec",
      reason = "FieldValueForbidden")
  private List<EnvVar> env;

  @JsonPropertyDescription(
      "Service account of the runtime pods (for example one allowed to read the model store).")
  @Pattern("^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$")
  @Size(max = 253)
  private String serviceAccountName;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }
}
