package io.modelops.operator.testing;

import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.InconclusivePolicy;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.ResolvedSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the analysis sources' tests judge: a two-replica ModelDeployment with an SLO, a canary
 * release of one 50 % step whose analysis runs one interval, and a release status in that step.
 */
public final class CanaryAnalysisFixtures {

  private CanaryAnalysisFixtures() {}

  /** A two-replica ModelDeployment whose SLO asks for p99 under 100 ms and 1 % errors at most. */
  public static ModelDeployment withSlo(String namespace, String name) {
    ModelDeployment md = ModelDeployments.sample(namespace, name, 2);
    SloSpec slo = new SloSpec();
    slo.setLatencyP99("100ms");
    slo.setErrorRatio("0.01");
    md.getSpec().setSlo(slo);
    return md;
  }

  /** Sets {@code analysis} as spec.release.canary.analysis of {@code md} (a new release). */
  public static void setAnalysis(ModelDeployment md, AnalysisSpec analysis) {
    CanarySpec canary = new CanarySpec();
    canary.setAnalysis(analysis);
    ReleaseSpec release = new ReleaseSpec();
    release.setCanary(canary);
    md.getSpec().setRelease(release);
  }

  /**
   * {@code md} resolved with two replicas and a canary release of one 50 % step, analysed every
   * {@code interval}, rolled back after two failed intervals, paused by an inconclusive one.
   */
  public static ResolvedSpec oneStepCanary(ModelDeployment md, Duration interval) {
    return new ResolvedSpec(
        md,
        null,
        2,
        false,
        Duration.ofMinutes(15),
        false,
        Optional.of(
            new CanaryRelease(
                List.of(new CanaryRelease.Step(50, Duration.ZERO)),
                1,
                interval,
                2,
                InconclusivePolicy.Pause,
                true,
                Optional.empty())));
  }

  /** A release Progressing in a step that started at {@code stepStartedAt}. */
  public static ReleaseStatus progressingSince(Instant stepStartedAt) {
    ReleaseStatus status = new ReleaseStatus();
    status.setPhase(ReleasePhase.Progressing);
    status.setStepStartedAt(Conditions.format(stepStartedAt));
    return status;
  }
}
