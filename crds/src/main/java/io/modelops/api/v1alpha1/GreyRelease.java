package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Requests routed to the canary by header match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GreyRelease {

  @JsonPropertyDescription("Headers that select the cohort; all must match.")
  @Required
  @Size(min = 1, max = 8)
  @ValidationRule(
      value = "self.all(h, self.exists_one(g, g.name.lowerAscii() == h.name.lowerAscii()))",
      message = "header names must be unique (case-insensitive)")
  private List<HeaderMatch> headers;

  public List<HeaderMatch> getHeaders() {
    return headers;
  }

  public void setHeaders(List<HeaderMatch> headers) {
    this.headers = headers;
  }
}
