package io.modelops.operator.model;

import io.modelops.api.v1alpha1.HeaderMatch;
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
 * @param blocked why no release may start now, if anything (the reconciler sets it when the Gateway
 *     API CRDs a GatewayAPI release needs are not installed): the stable track keeps serving
 * @param gateway the HTTPRoute the operator manages with trafficRouting GatewayAPI; empty with
 *     Replicas routing
 */
public record CanaryRelease(
    List<Step> steps,
    int maxSurgeReplicas,
    Duration interval,
    int failureLimit,
    InconclusivePolicy inconclusive,
    boolean analysed,
    Optional<String> blocked,
    Optional<GatewayRoute> gateway) {

  /** One step: the canary's share of traffic and how long it holds (zero: one interval decides). */
  public record Step(int weight, Duration pause) {}

  /**
   * Routing through an HTTPRoute.
   *
   * @param httpRoute the route's name (spec.release.canary.gatewayAPI.httpRoute)
   * @param greyHeaders exact header matches whose requests always go to the canary (greyRelease);
   *     empty for a plain weighted canary
   */
  public record GatewayRoute(String httpRoute, List<HeaderMatch> greyHeaders) {
    public GatewayRoute {
      greyHeaders = List.copyOf(greyHeaders);
    }
  }

  public CanaryRelease {
    steps = List.copyOf(steps);
  }

  /** With Replicas routing (no HTTPRoute). */
  public CanaryRelease(
      List<Step> steps,
      int maxSurgeReplicas,
      Duration interval,
      int failureLimit,
      InconclusivePolicy inconclusive,
      boolean analysed,
      Optional<String> blocked) {
    this(
        steps,
        maxSurgeReplicas,
        interval,
        failureLimit,
        inconclusive,
        analysed,
        blocked,
        Optional.empty());
  }

  /** The same settings with a reason why no release may start. */
  public CanaryRelease blockedBy(String reason) {
    return new CanaryRelease(
        steps,
        maxSurgeReplicas,
        interval,
        failureLimit,
        inconclusive,
        analysed,
        Optional.of(reason),
        gateway);
  }
}
