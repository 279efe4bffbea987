package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * Desired state of a ModelDeployment: which model to serve, how to run it, how to release new
 * versions and which service-level objectives the release is judged against.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelDeploymentSpec {

  @JsonPropertyDescription("The ONNX model to serve. Changing it starts a release.")
  @Required
  private ModelSpec model;

  @JsonPropertyDescription(
      "How the inference-runtime pods run: image, replicas, resources, accelerator, batching, autoscaling.")
  private RuntimeSpec runtime;

  @JsonPropertyDescription(
      "How a new model version is released: RollingUpdate or Canary steps with analysis.")
  private ReleaseSpec release;

  @JsonPropertyDescription(
      "Service-level objectives the stable track is held to; default analysis checks derive from them.")
  private SloSpec slo;

  public ModelSpec getModel() {
    return model;
  }

  public void setModel(ModelSpec model) {
    this.model = model;
  }

  public RuntimeSpec getRuntime() {
    return runtime;
  }

  public void setRuntime(RuntimeSpec runtime) {
    this.runtime = runtime;
  }

  public ReleaseSpec getRelease() {
    return release;
  }

  public void setRelease(ReleaseSpec release) {
    this.release = release;
  }

  public SloSpec getSlo() {
    return slo;
  }

  public void setSlo(SloSpec slo) {
    this.slo = slo;
  }
}
