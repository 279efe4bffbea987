package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret or ConfigMap in the ModelDeployment's namespace, and optionally one of its keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyReference {

  @JsonPropertyDescription("Name of the Secret or ConfigMap, in the ModelDeployment's namespace.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String name;

  @JsonPropertyDescription(
      "The one key (file) holding PEM public keys. Unset: every key of the Secret or ConfigMap is a PEM file of public keys.")
  @Pattern("^[-._a-zA-Z0-9]+$")
  @Size(max = 253)
  private String key;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
