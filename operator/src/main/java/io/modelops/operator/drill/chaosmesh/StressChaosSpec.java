package io.modelops.operator.drill.chaosmesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** StressChaos {@code spec}: {@code stressors.cpu} or {@code stressors.memory}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StressChaosSpec extends ChaosSpec {

  private Stressors stressors;

  public Stressors getStressors() {
    return stressors;
  }

  public void setStressors(Stressors stressors) {
    this.stressors = stressors;
  }

  /** {@code stressors}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Stressors {
    private Stressor cpu;
    private Stressor memory;

    public Stressor getCpu() {
      return cpu;
    }

    public void setCpu(Stressor cpu) {
      this.cpu = cpu;
    }

    public Stressor getMemory() {
      return memory;
    }

    public void setMemory(Stressor memory) {
      this.memory = memory;
    }
  }

  /**
   * {@code stressors.cpu} ({@code workers}, {@code load}) or {@code .memory} ({@code workers},
   * {@code size}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Stressor {
    private Integer workers;
    private Integer load;
    private String size;

    public Integer getWorkers() {
      return workers;
    }

    public void setWorkers(Integer workers) {
      this.workers = workers;
    }

    public Integer getLoad() {
      return load;
    }

    public void setLoad(Integer load) {
      this.load = load;
    }

    public String getSize() {
      return size;
    }

    public void setSize(String size) {
      this.size = size;
    }
  }
}
