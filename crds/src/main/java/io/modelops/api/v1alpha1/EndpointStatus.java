package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How to reach the model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointStatus {

  @JsonPropertyDescription("Cluster DNS name of the Service.")
  private String service;

  @JsonPropertyDescription("Open Inference Protocol path for inference requests.")
  private String inferPath;

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getInferPath() {
    return inferPath;
  }

  public void setInferPath(String inferPath) {
    this.inferPath = inferPath;
  }
}
