package io.modelops.operator.model;

import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.InconclusivePolicy;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.TrafficRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Applies the defaults of {@code spec.release.canary} and parses its durations. */
final class CanaryResolver {

  static final int DEFAULT_MAX_SURGE = 1;
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final int DEFAULT_FAILURE_LIMIT = 2;

  private CanaryResolver() {}

  /**
   * The resolved canary settings.
   *
   * @throws IllegalArgumentException naming the field when a value does not parse
   */
  static CanaryRelease resolve(ModelDeploymentSpec spec) {
    CanarySpec canary = spec.getRelease().getCanary();
    if (canary == null || canary.getSteps() == null || canary.getSteps().isEmpty()) {
      throw new IllegalArgumentException("spec.release.canary.steps is required for Canary");
    }
    List<CanaryRelease.Step> steps = new ArrayList<>();
    for (int i = 0; i < canary.getSteps().size(); i++) {
      var step = canary.getSteps().get(i);
      Duration pause =
          step.getPause() == null
              ? Duration.ZERO
              : SpecResolver.parse("spec.release.canary.steps[" + i + "].pause", step.getPause());
      steps.add(new CanaryRelease.Step(step.getWeight() == null ? 0 : step.getWeight(), pause));
    }
    var analysis = canary.getAnalysis();
    Duration interval =
        analysis == null || analysis.getInterval() == null
            ? DEFAULT_INTERVAL
            : SpecResolver.parse("spec.release.canary.analysis.interval", analysis.getInterval());
    int failureLimit =
        analysis == null || analysis.getFailureLimit() == null
            ? DEFAULT_FAILURE_LIMIT
            : Math.max(1, analysis.getFailureLimit());
    InconclusivePolicy inconclusive =
        analysis == null || analysis.getInconclusive() == null
            ? InconclusivePolicy.Pause
            : analysis.getInconclusive();
    boolean checks =
        (analysis != null && analysis.getChecks() != null && !analysis.getChecks().isEmpty())
            || sloSet(spec);
    return new CanaryRelease(
        steps,
        canary.getMaxSurgeReplicas() == null ? DEFAULT_MAX_SURGE : canary.getMaxSurgeReplicas(),
        interval,
        failureLimit,
        inconclusive,
        checks,
        Optional.empty(),
        gateway(canary));
  }

  private static boolean sloSet(ModelDeploymentSpec spec) {
    var slo = spec.getSlo();
    return slo != null
        && (slo.getLatencyP99() != null
            || slo.getErrorRatio() != null
            || slo.getAvailability() != null);
  }

  private static Optional<CanaryRelease.GatewayRoute> gateway(CanarySpec canary) {
    if (canary.getTrafficRouting() != TrafficRouting.GatewayAPI
        || canary.getGatewayAPI() == null
        || canary.getGatewayAPI().getHttpRoute() == null) {
      return Optional.empty();
    }
    var grey = canary.getGreyRelease();
    return Optional.of(
        new CanaryRelease.GatewayRoute(
            canary.getGatewayAPI().getHttpRoute(),
            grey == null || grey.getHeaders() == null ? List.of() : grey.getHeaders()));
  }
}
