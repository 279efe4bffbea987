package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A PromQL query whose value must stay at or below {@code max} while the drill runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusProbe {

  @JsonPropertyDescription("Name shown in status, unique within the drill (DNS label).")
  @Required
  @Size(max = 63)
  @Pattern(ApiPatterns.DNS_LABEL)
  private String name;

  @JsonPropertyDescription("PromQL instant query returning one sample.")
  @Required
  @Size(min = 1, max = 4096)
  private String query;

  @JsonPropertyDescription("Highest acceptable value, a decimal string; above it the drill aborts.")
  @Required
  @Pattern(ApiPatterns.DECIMAL)
  @Size(max = 32)
  private String max;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getMax() {
    return max;
  }

  public void setMax(String max) {
    this.max = max;
  }
}
