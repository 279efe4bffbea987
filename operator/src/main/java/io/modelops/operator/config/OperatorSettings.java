package io.modelops.operator.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the operator that shape the objects it builds. Plain values, no framework: the
 * Quarkus app fills them from configuration, tests build them directly.
 *
 * @param runtimeImage image used when {@code spec.runtime.image} is not set
 * @param runtimeGpuImage image used when {@code spec.runtime.accelerator} is set and {@code
 *     spec.runtime.image} is not (the runtime built with the CUDA execution provider)
 * @param defaultProgressDeadline progress deadline when {@code spec.release.progressDeadline} is
 *     not set
 * @param pvcRecheckInterval how often a ModelDeployment waiting for a missing claim is rechecked
 * @param releaseTick how often a ModelDeployment with a release under way is reconciled without an
 *     event (step pauses, analysis intervals and deadlines run on the clock)
 */
public record OperatorSettings(
    String runtimeImage,
    String runtimeGpuImage,
    Duration defaultProgressDeadline,
    Duration pvcRecheckInterval,
    Duration releaseTick) {

  /** The image of the contract between operator and runtime. */
  public static final String DEFAULT_RUNTIME_IMAGE = "modelops/inference-runtime:0.1.0";

  /** The runtime built with Dockerfile.gpu (docs/runtime.md, Container images). */
  public static final String DEFAULT_RUNTIME_GPU_IMAGE = "modelops/inference-runtime:0.1.0-gpu";

  public OperatorSettings {
    Objects.requireNonNull(runtimeImage, "runtimeImage");
    Objects.requireNonNull(runtimeGpuImage, "runtimeGpuImage");
    Objects.requireNonNull(defaultProgressDeadline, "defaultProgressDeadline");
    Objects.requireNonNull(pvcRecheckInterval, "pvcRecheckInterval");
    Objects.requireNonNull(releaseTick, "releaseTick");
  }

  /** Defaults: the contract's runtime image, 15 minute deadline, 30 second recheck, 5 s tick. */
  public static OperatorSettings defaults() {
    return new OperatorSettings(
        DEFAULT_RUNTIME_IMAGE,
        DEFAULT_RUNTIME_GPU_IMAGE,
        Duration.ofMinutes(15),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5));
  }

  /** A copy with another runtime image. */
  public OperatorSettings withRuntimeImage(String image) {
    return new OperatorSettings(
        image, runtimeGpuImage, defaultProgressDeadline, pvcRecheckInterval, releaseTick);
  }

  /** A copy with another GPU runtime image. */
  public OperatorSettings withRuntimeGpuImage(String image) {
    return new OperatorSettings(
        runtimeImage, image, defaultProgressDeadline, pvcRecheckInterval, releaseTick);
  }

  /** A copy with another PVC recheck interval. */
  public OperatorSettings withPvcRecheckInterval(Duration interval) {
    return new OperatorSettings(
        runtimeImage, runtimeGpuImage, defaultProgressDeadline, interval, releaseTick);
  }

  /** A copy with another release tick. */
  public OperatorSettings withReleaseTick(Duration tick) {
    return new OperatorSettings(
        runtimeImage, runtimeGpuImage, defaultProgressDeadline, pvcRecheckInterval, tick);
  }
}
