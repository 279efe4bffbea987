package io.modelops.api.validation;

/**
 * One reason the API server would refuse an object: the offending field's path ({@code
 * spec.runtime.replicas}, {@code spec.release.canary.steps[1].weight}) and what is wrong with it.
 */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return (field.isEmpty() ? "<root>" : field) + ": " + message;
  }
}
