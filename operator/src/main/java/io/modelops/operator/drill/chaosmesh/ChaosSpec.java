package io.modelops.operator.drill.chaosmesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The fields every chaos kind shares: {@code mode}, {@code value}, {@code selector}, {@code
 * duration}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ChaosSpec {

  /** {@code mode: all}: every pod the selector names. */
  public static final String MODE_ALL = "all";

  private String mode;
  private String value;
  private ChaosSelector selector;
  private String duration;

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public ChaosSelector getSelector() {
    return selector;
  }

  public void setSelector(ChaosSelector selector) {
    this.selector = selector;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }
}
