package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A PromQL query whose value must stay at or below {@code max} and at or above {@code min} while
 * the drill runs (at least one of the two set).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.max) || has(self.min)",
    message = "a prometheus probe needs max, min or both",
    reason = "FieldValueRequired")
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

  @JsonPropertyDescription(
      "Highest acceptable value, a decimal string; a sample above it aborts the drill (SloBurn).")
  @Pattern(ApiPatterns.DECIMAL)
  @Size(max = 32)
  private String max;

  @JsonPropertyDescription(
      "Lowest acceptable value, a decimal string; a sample below it aborts the drill (SloBurn).")
  @Pattern(ApiPatterns.DECIMAL)
  @Size(max = 32)
  private String min;

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

  public String getMin() {
    return min;
  }

  public void setMin(String min) {
    this.min = min;
  }
}
