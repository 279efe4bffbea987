package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A GPU request for the runtime pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AcceleratorSpec {

  @JsonPropertyDescription("Accelerator kind. NvidiaGpu requests nvidia.com/gpu.")
  @Required
  private AcceleratorType type;

  @JsonPropertyDescription("Devices per pod. Default 1.")
  @Min(1)
  @Max(8)
  private Integer count;

  @JsonPropertyDescription(
      "GPU product (value of the nvidia.com/gpu.product node label) the pods must run on, for example NVIDIA-A10.")
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  @Size(max = 63)
  private String product;

  @JsonPropertyDescription(
      "RuntimeClass of the runtime pods (pod spec runtimeClassName), for example nvidia when the"
          + " cluster selects the NVIDIA container runtime that way. Unset: the node's default.")
  @Pattern(ApiPatterns.DNS_SUBDOMAIN)
  @Size(max = 253)
  private String runtimeClassName;

  public AcceleratorType getType() {
    return type;
  }

  public void setType(AcceleratorType type) {
    this.type = type;
  }

  public Integer getCount() {
    return count;
  }

  public void setCount(Integer count) {
    this.count = count;
  }

  public String getProduct() {
    return product;
  }

  public void setProduct(String product) {
    this.product = product;
  }

  public String getRuntimeClassName() {
    return runtimeClassName;
  }

  public void setRuntimeClassName(String runtimeClassName) {
    this.runtimeClassName = runtimeClassName;
  }
}
