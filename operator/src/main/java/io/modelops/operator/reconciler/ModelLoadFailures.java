package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.modelops.operator.model.RuntimeContainerBuilder;
import java.util.Optional;

/**
 * Recognises a runtime container that exited because its model could not be loaded (exit code 3 or
 * a termination message starting with "model load failed: ", docs/runtime.md) and returns the
 * runtime's own words. Pure.
 */
final class ModelLoadFailures {
  /** Longest message taken from a container (the runtime writes at most 1024 characters). */
  static final int MAX_CHARS = 1024;

  private ModelLoadFailures() {}

  /** The runtime's reason, if this container's current or last run ended in a failed load. */
  static Optional<String> reason(ContainerStatus container) {
    if (!RuntimeContainerBuilder.CONTAINER_NAME.equals(container.getName())) {
      return Optional.empty();
    }
    ContainerStateTerminated now =
        container.getState() == null ? null : container.getState().getTerminated();
    Optional<String> reason = reason(now);
    if (reason.isPresent()) {
      return reason;
    }
    return reason(
        container.getLastState() == null ? null : container.getLastState().getTerminated());
  }

  private static Optional<String> reason(ContainerStateTerminated terminated) {
    if (terminated == null) {
      return Optional.empty();
    }
    String line = prefixedLine(terminated.getMessage());
    if (line != null) {
      return Optional.of(line);
    }
    Integer code = terminated.getExitCode();
    if (code != null && code == RuntimeContainerBuilder.MODEL_LOAD_FAILED_EXIT_CODE) {
      return Optional.of(
          RuntimeContainerBuilder.MODEL_LOAD_FAILED_PREFIX
              + "the runtime exited with code "
              + code
              + " (no termination message)");
    }
    return Optional.empty();
  }

  /** The (last) line of the message that starts with the runtime's prefix, or null. */
  private static String prefixedLine(String message) {
    if (message == null) {
      return null;
    }
    String found = null;
    for (String line : message.split("\\R")) {
      int at = line.indexOf(RuntimeContainerBuilder.MODEL_LOAD_FAILED_PREFIX);
      if (at >= 0) {
        found = line.substring(at).trim();
      }
    }
    if (found == null || found.length() <= MAX_CHARS) {
      return found;
    }
    return found.substring(0, MAX_CHARS - 3) + "...";
  }
}
