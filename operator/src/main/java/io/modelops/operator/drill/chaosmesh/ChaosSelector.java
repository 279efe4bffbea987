package io.modelops.operator.drill.chaosmesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code spec.selector}: the engine names the pods, namespace to pod names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ChaosSelector {

  private Map<String, List<String>> pods;

  public Map<String, List<String>> getPods() {
    return pods;
  }

  public void setPods(Map<String, List<String>> pods) {
    this.pods = pods;
  }
}
