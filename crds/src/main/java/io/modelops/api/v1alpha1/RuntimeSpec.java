package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/** How the inference-runtime pods of both tracks run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeSpec {

  @JsonPropertyDescription(
      "Container image of the inference runtime. Defaults to the operator's configured runtime image.")
  @Size(max = 512)
  private String image;

  @JsonPropertyDescription(
      "Image pull policy of the runtime container (Always, IfNotPresent, Never). Kubernetes default when unset.")
  private ImagePullPolicy imagePullPolicy;

  @JsonPropertyDescription("Replicas of the stable track when autoscaling is not set. Default 1.")
  @Min(0)
  @Max(1000)
  @SpecReplicas
  private Integer replicas;

  @JsonPropertyDescription("CPU and memory requests and limits of the runtime container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Optional GPU: adds the device limit, a node selector on the product label and the standard GPU toleration.")
  private AcceleratorSpec accelerator;

  @JsonPropertyDescription(
      "Dynamic batching in the runtime: concurrent requests are merged up to maxBatchSize rows or maxQueueDelay.")
  private BatchingSpec batching;

  @JsonPropertyDescription(
      "Optional horizontal autoscaling; when set the operator creates an HPA and leaves replicas to it.")
  private AutoscalingSpec autoscaling;

  @JsonPropertyDescription("Optional pass-through settings for the runtime pods.")
  private PodTemplateOverrides podTemplate;

  @JsonPropertyDescription(
      "Opt-in to runtime fault injection for drills (RuntimeLatency, RuntimeErrors,"
          + " RuntimeUnready). Off when unset.")
  private FaultInjectionSpec faultInjection;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ImagePullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(ImagePullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public AcceleratorSpec getAccelerator() {
    return accelerator;
  }

  public void setAccelerator(AcceleratorSpec accelerator) {
    this.accelerator = accelerator;
  }

  public BatchingSpec getBatching() {
    return batching;
  }

  public void setBatching(BatchingSpec batching) {
    this.batching = batching;
  }

  public AutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }

  public PodTemplateOverrides getPodTemplate() {
    return podTemplate;
  }

  public void setPodTemplate(PodTemplateOverrides podTemplate) {
    this.podTemplate = podTemplate;
  }

  public FaultInjectionSpec getFaultInjection() {
    return faultInjection;
  }

  public void setFaultInjection(FaultInjectionSpec faultInjection) {
    this.faultInjection = faultInjection;
  }
}
