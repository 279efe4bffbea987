package io.modelops.operator.reconciler;

import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.podmetrics.ServingDevices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devices the ready pods of a GPU ModelDeployment serve on, per track (pod name to {@code cuda}
 * or {@code cpu}, only the pods whose device is known). Pure.
 */
record TrackDevices(Map<String, String> stablePods, Map<String, String> canaryPods) {

  /** A CPU ModelDeployment: no device is looked at. */
  static final TrackDevices NONE = new TrackDevices(Map.of(), Map.of());

  static TrackDevices of(Map<String, String> stablePods, Map<String, String> canaryPods) {
    return new TrackDevices(stablePods, canaryPods);
  }

  /** status.stable.device: cuda, cpu, mixed, or null when no ready pod's device is known. */
  String stable() {
    return ServingDevices.summary(stablePods.values());
  }

  /** status.canary.device. */
  String canary() {
    return ServingDevices.summary(canaryPods.values());
  }

  /** AcceleratorNotUsed naming the first pod on cpu, when a ready pod serves on cpu. */
  Optional<Problem> problem() {
    Map<String, String> all = new LinkedHashMap<>(stablePods);
    all.putAll(canaryPods);
    List<String> onCpu =
        all.entrySet().stream()
            .filter(e -> ServingDevices.CPU.equals(e.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    if (onCpu.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.observed(
            Reasons.ACCELERATOR_NOT_USED,
            "pod "
                + onCpu.get(0)
                + " serves on cpu although spec.runtime.accelerator asks for a GPU: its ONNX"
                + " Runtime has no CUDA provider or the provider failed to start (is the image"
                + " the CUDA build, and does the node's container runtime expose the GPU?); "
                + onCpu.size()
                + " of "
                + all.size()
                + " ready pods checked serve on cpu"));
  }
}
