package io.modelops.operator.model;

import io.modelops.api.v1alpha1.InconclusivePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec.release.canary} with its defaults applied and its durations parsed.
 *
 * @param steps the steps, weights ascending
 * @param maxSurgeReplicas pods the tracks may run on top of the desired replicas (default 1)
 * @param interval time between analysis intervals (default 30s)
 * @param failureLimit failed intervals that roll the release back (default 2, at least 1)
 * @param inconclusive what an inconclusive interval does (default Pause)
 * @param analysed true when checks apply (spec.release.canary.analysis.checks or spec.slo): a step
 *     then needs a passed interval besides its pause
 * @param unsupported what the spec asks for that is not implemented yet (GatewayAPI routing, grey
 *     release), if anything
 */
public record CanaryRelease(
    List<Step> steps,
    int maxSurgeReplicas,
    Duration interval,
    int failureLimit,
    InconclusivePolicy inconclusive,
    boolean analysed,
    Optional<String> unsupported) {

  /** One step: the canary's share of traffic and how long it holds (zero: one interval decides). */
  public record Step(int weight, Duration pause) {}

  public CanaryRelease {
    steps = List.copyOf(steps);
  }
}
