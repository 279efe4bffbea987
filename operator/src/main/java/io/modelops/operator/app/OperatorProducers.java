package io.modelops.operator.app;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.model.PodEndpoints;
import io.modelops.operator.podmetrics.AnalysisSourceRouter;
import io.modelops.operator.podmetrics.ServingDevices;
import io.modelops.operator.reconciler.ReconcileMetrics;
import io.modelops.operator.release.AnalysisSource;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the framework-free operator classes into the Quarkus app. */
@Singleton
public class OperatorProducers {

  @Produces
  @Singleton
  OperatorSettings settings(ModelOpsConfig config) {
    return new OperatorSettings(
        config.runtimeImage(),
        config.runtimeGpuImage(),
        config.defaultProgressDeadline(),
        config.pvcRecheckInterval(),
        config.releaseTick());
  }

  @Produces
  @Singleton
  ReconcileMetrics metrics(MeterRegistry registry) {
    return new ReconcileMetrics(registry);
  }

  /**
   * The analysis source: {@code PodMetrics} scrapes the runtime pods; {@code Prometheus} queries
   * the Prometheus at {@code spec.release.canary.analysis.source.address}.
   */
  @Produces
  @Singleton
  AnalysisSource analysisSource(PodEndpoints endpoints) {
    return AnalysisSourceRouter.production(endpoints);
  }

  /** Learns the device each ready GPU runtime pod serves on, once per pod. */
  @Produces
  @Singleton
  ServingDevices servingDevices(PodEndpoints endpoints) {
    return ServingDevices.production(endpoints);
  }

  /** Where the operator reaches runtime pods (metrics, drill probes and fault calls). */
  @Produces
  @Singleton
  PodEndpoints podEndpoints(ModelOpsConfig config) {
    return PodEndpoints.mappedBy(config.podPortAnnotation());
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Lease-based leader election, looked up by the Quarkus Operator SDK in the profiles listed in
   * {@code quarkus.operator-sdk.activate-leader-election-for-profiles}. Null (no election) when
   * {@code modelops.leader-election.enabled=false}.
   */
  @Produces
  @Dependent
  @Unremovable
  LeaderElectionConfiguration leaderElection(ModelOpsConfig config) {
    var election = config.leaderElection();
    if (!election.enabled()) {
      return null;
    }
    return new LeaderElectionConfiguration(
        election.leaseName(), election.leaseNamespace().orElse(null));
  }
}
