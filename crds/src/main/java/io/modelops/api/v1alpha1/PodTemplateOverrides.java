package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
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
      "Extra environment variables of the runtime container (MODELOPS_* names are reserved).")
  @Size(max = 64)
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
