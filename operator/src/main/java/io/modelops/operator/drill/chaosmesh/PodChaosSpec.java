package io.modelops.operator.drill.chaosmesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * PodChaos {@code spec}: {@code action} pod-kill or pod-failure, {@code gracePeriod} for pod-kill.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PodChaosSpec extends ChaosSpec {

  public static final String POD_KILL = "pod-kill";
  public static final String POD_FAILURE = "pod-failure";

  private String action;
  private Long gracePeriod;

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public Long getGracePeriod() {
    return gracePeriod;
  }

  public void setGracePeriod(Long gracePeriod) {
    this.gracePeriod = gracePeriod;
  }
}
