package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Requests routed to the canary by header match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GreyRelease {

  @JsonPropertyDescription("Headers that select the cohort; all must match.")
  @Required
  @Size(min = 1, max = 8)
  private List<HeaderMatch> headers;

  public List<HeaderMatch> getHeaders() {
    return headers;
  }

  public void setHeaders(List<HeaderMatch> headers) {
    this.headers = headers;
  }
}
