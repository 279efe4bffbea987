package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Valid DrillSchedules and DrillRuns to start test cases from. */
public final class DrillFixtures {

  /** Uses every field of a DrillSchedule: both kinds of blackout window, every template part. */
  public static final String FULL_SCHEDULE =
      """
      apiVersion: modelops.io/v1alpha1
      kind: DrillSchedule
      metadata: {name: ctr-ranker-nightly, namespace: search}
      spec:
        target: {modelDeployment: ctr-ranker, track: Stable}
        schedule: "0 3 * * 1-5"
        timeZone: America/New_York
        suspend: false
        concurrencyPolicy: Forbid
        startingDeadlineSeconds: 600
        successfulRunsHistoryLimit: 3
        failedRunsHistoryLimit: 5
        blackoutWindows:
          - {reason: Cyber Monday, start: "2026-11-30T00:00:00-05:00", end: "2026-12-01T00:00:00-05:00"}
          - {reason: Evening peak, schedule: "0 18 * * *", duration: 5h, timeZone: America/Chicago}
        template:
          fault: {type: PodKill, mode: Fraction, fraction: "0.25"}
          engine: ChaosMesh
          duration: 5m
          guards: {minReadyReplicas: 2, requireReady: true, skipDuringRelease: true}
          steadyState:
            traffic: {ratePerSecond: 20, timeout: 1s}
            prometheusAddress: http://prometheus.monitoring.svc:9090
            prometheus: [{name: p99, query: "histogram_quantile(0.99, x)", max: "0.05"}]
          abort: {errorRatio: "0.05", p99Latency: 500ms}
          recovery: {rto: 60s, timeout: 10m}
          dryRun: false
      """;

  /** The smallest valid DrillSchedule. */
  public static final String MINIMAL_SCHEDULE =
      """
      apiVersion: modelops.io/v1alpha1
      kind: DrillSchedule
      metadata: {name: tiny}
      spec:
        target: {modelDeployment: tiny}
        schedule: "@daily"
        template: {fault: {type: PodKill}, duration: 1m}
      """;

  /** A hand-made DrillRun using every spec field. */
  public static final String FULL_RUN =
      """
      apiVersion: modelops.io/v1alpha1
      kind: DrillRun
      metadata: {name: ctr-ranker-latency, namespace: search}
      spec:
        target: {modelDeployment: ctr-ranker, track: All}
        fault: {type: RuntimeErrors, mode: All, errorRatio: "0.1"}
        engine: Native
        duration: 3m
        guards: {minReadyReplicas: 1}
        steadyState: {traffic: {ratePerSecond: 10, timeout: 500ms}}
        abort: {errorRatio: "0.2", p99Latency: 1s}
        recovery: {rto: 30s, timeout: 5m}
      """;

  /** The smallest valid DrillRun. */
  public static final String MINIMAL_RUN =
      """
      apiVersion: modelops.io/v1alpha1
      kind: DrillRun
      metadata: {name: now}
      spec:
        target: {modelDeployment: tiny}
        fault: {type: ReplicaLoss, replicas: 1}
        duration: 30s
      """;

  private DrillFixtures() {}

  /** {@link #FULL_SCHEDULE} as a tree. */
  public static JsonNode fullSchedule() {
    return CrdSchemaValidator.readYaml(FULL_SCHEDULE);
  }

  /** {@link #MINIMAL_SCHEDULE} as a tree. */
  public static JsonNode minimalSchedule() {
    return CrdSchemaValidator.readYaml(MINIMAL_SCHEDULE);
  }

  /** {@link #FULL_RUN} as a tree. */
  public static JsonNode fullRun() {
    return CrdSchemaValidator.readYaml(FULL_RUN);
  }

  /** {@link #MINIMAL_RUN} as a tree. */
  public static JsonNode minimalRun() {
    return CrdSchemaValidator.readYaml(MINIMAL_RUN);
  }
}
