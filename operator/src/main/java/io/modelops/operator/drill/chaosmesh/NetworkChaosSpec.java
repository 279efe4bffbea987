package io.modelops.operator.drill.chaosmesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** NetworkChaos {@code spec}: the engine uses {@code action: partition} and {@code direction}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NetworkChaosSpec extends ChaosSpec {

  public static final String PARTITION = "partition";
  public static final String DIRECTION_TO = "to";

  private String action;
  private String direction;

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getDirection() {
    return direction;
  }

  public void setDirection(String direction) {
    this.direction = direction;
  }
}
