package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Dynamic batching settings passed to the runtime. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchingSpec {

  @JsonPropertyDescription("Most rows merged into one model run; 1 turns batching off. Default 1.")
  @Min(1)
  @Max(4096)
  private Integer maxBatchSize;

  @JsonPropertyDescription(
      "Age at which a forming batch stops taking requests while every worker is busy, for"
          + " example 2ms; a free worker never waits for a batch to fill. 0s: no age limit."
          + " Default 2ms.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$")
  @Size(max = 32)
  @ValidationRule(
      value = "duration(self) <= duration('1s')",
      message = "maxQueueDelay must be at most 1s: it is added to request latency")
  private String maxQueueDelay;

  public Integer getMaxBatchSize() {
    return maxBatchSize;
  }

  public void setMaxBatchSize(Integer maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
  }

  public String getMaxQueueDelay() {
    return maxQueueDelay;
  }

  public void setMaxQueueDelay(String maxQueueDelay) {
    this.maxQueueDelay = maxQueueDelay;
  }
}
