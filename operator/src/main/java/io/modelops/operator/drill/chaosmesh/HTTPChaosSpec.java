package io.modelops.operator.drill.chaosmesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * HTTPChaos {@code spec}: which requests ({@code target}, {@code port}, {@code path}, {@code
 * method}) and what happens to them ({@code delay} or {@code abort}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HTTPChaosSpec extends ChaosSpec {

  public static final String REQUEST = "Request";

  private String target;
  private Integer port;
  private String path;
  private String method;
  private String delay;
  private Boolean abort;

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getDelay() {
    return delay;
  }

  public void setDelay(String delay) {
    this.delay = delay;
  }

  public Boolean getAbort() {
    return abort;
  }

  public void setAbort(Boolean abort) {
    this.abort = abort;
  }
}
