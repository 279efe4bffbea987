package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A fault as recorded before it is injected, so the operator can remove it after a restart. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InjectedFault {

  @JsonPropertyDescription("The fault type.")
  private FaultType type;

  @JsonPropertyDescription("Names of the pods (or nodes, for NodeDrain) selected.")
  private List<String> targets;

  @JsonPropertyDescription(
      "The object that carries the fault, as kind/name: a Chaos Mesh object, a NetworkPolicy, the"
          + " Secret holding the runtime's fault token.")
  private String object;

  @JsonPropertyDescription(
      "NodeDrain: the nodes this drill cordoned, the ones it uncordons at the end (nodes that were"
          + " already cordoned are not listed and stay cordoned).")
  private List<String> cordonedNodes;

  @JsonPropertyDescription("When the fault was injected (RFC 3339); unset if it never was.")
  private String injectedTime;

  @JsonPropertyDescription(
      "When the injecting system reported the fault in place (Chaos Mesh: condition"
          + " AllInjected=True), RFC 3339; unset for the Native engine, which injects by itself.")
  private String confirmedTime;

  @JsonPropertyDescription("When the fault was removed (RFC 3339).")
  private String removedTime;

  public FaultType getType() {
    return type;
  }

  public void setType(FaultType type) {
    this.type = type;
  }

  public List<String> getTargets() {
    return targets;
  }

  public void setTargets(List<String> targets) {
    this.targets = targets;
  }

  public String getObject() {
    return object;
  }

  public void setObject(String object) {
    this.object = object;
  }

  public List<String> getCordonedNodes() {
    return cordonedNodes;
  }

  public void setCordonedNodes(List<String> cordonedNodes) {
    this.cordonedNodes = cordonedNodes;
  }

  public String getInjectedTime() {
    return injectedTime;
  }

  public void setInjectedTime(String injectedTime) {
    this.injectedTime = injectedTime;
  }

  public String getRemovedTime() {
    return removedTime;
  }

  public void setRemovedTime(String removedTime) {
    this.removedTime = removedTime;
  }

  public String getConfirmedTime() {
    return confirmedTime;
  }

  public void setConfirmedTime(String confirmedTime) {
    this.confirmedTime = confirmedTime;
  }
}
