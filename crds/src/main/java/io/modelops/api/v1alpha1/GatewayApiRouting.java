package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Gateway API routing target. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayApiRouting {

  @JsonPropertyDescription("Name of the HTTPRoute in the same namespace.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$")
  @Size(max = 253)
  private String httpRoute;

  public String getHttpRoute() {
    return httpRoute;
  }

  public void setHttpRoute(String httpRoute) {
    this.httpRoute = httpRoute;
  }
}
