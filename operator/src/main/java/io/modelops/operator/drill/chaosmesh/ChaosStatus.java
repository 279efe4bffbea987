package io.modelops.operator.drill.chaosmesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The part of a chaos object's status the engine reads: {@code conditions}. Chaos Mesh's other
 * status fields ({@code experiment}, {@code instances}) are ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ChaosStatus {

  /** Condition type: every selected target has the fault. */
  public static final String ALL_INJECTED = "AllInjected";

  /** Condition type: every selected target is back (Chaos Mesh recovered the fault). */
  public static final String ALL_RECOVERED = "AllRecovered";

  private List<ChaosCondition> conditions;

  public List<ChaosCondition> getConditions() {
    return conditions;
  }

  public void setConditions(List<ChaosCondition> conditions) {
    this.conditions = conditions;
  }

  /** Whether condition {@code type} is {@code True}. */
  public static boolean isTrue(ChaosStatus status, String type) {
    return status != null
        && status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
