package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Valid ModelDeployments to start test cases from. */
public final class ModelDeploymentFixtures {

  /** Uses every part of the spec: GPU, batching, autoscaling, canary over Gateway API, SLOs. */
  public static final String FULL =
      """
      apiVersion: modelops.io/v1alpha1
      kind: ModelDeployment
      metadata:
        name: ctr-ranker
        namespace: search
      spec:
        model:
          name: ctr-ranker
          version: "2026-11-20"
          uri: https://models.example.internal/ctr/2026-11-20/model.onnx
          sha256: 3f9a1c0d5e7b2a4f6c8e0d1b3a5c7e9f2d4b6a8c0e1f3a5b7c9d0e2f4a6b8c0d
        runtime:
          image: modelops/inference-runtime:0.1.0
          imagePullPolicy: IfNotPresent
          replicas: 4
          resources:
            requests: {cpu: 2, memory: 4Gi}
            limits: {cpu: 2500m, memory: 4Gi}
          accelerator: {type: NvidiaGpu, count: 1, product: NVIDIA-A10}
          batching: {maxBatchSize: 64, maxQueueDelay: 2ms}
          autoscaling: {minReplicas: 2, maxReplicas: 20, targetCPUUtilizationPercent: 70}
          podTemplate:
            labels: {team: search}
            nodeSelector: {pool: gpu}
            tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]
            env: [{name: RUNTIME_ORT_INTRA_OP_THREADS, value: "4"}]
            serviceAccountName: model-reader
        release:
          strategy: Canary
          canary:
            steps:
              - {weight: 5, pause: 2m}
              - {weight: 25, pause: 5m}
              - {weight: 50, pause: 5m}
            trafficRouting: GatewayAPI
            gatewayAPI: {httpRoute: ctr-ranker}
            greyRelease:
              headers: [{name: x-user-cohort, value: beta}]
            maxSurgeReplicas: 1
            analysis:
              interval: 30s
              failureLimit: 2
              inconclusive: Pause
              source: {type: PodMetrics}
              checks:
                - {metric: P99LatencyMs, max: "50"}
                - {metric: ErrorRatio, max: "0.01"}
                - {metric: ScoreDriftPSI, max: "0.2"}
          progressDeadline: 15m
          paused: false
        slo:
          latencyP99: 50ms
          errorRatio: "0.001"
          availability: "99.9"
      """;

  /** The smallest valid ModelDeployment: a model file baked into the image. */
  public static final String MINIMAL =
      """
      apiVersion: modelops.io/v1alpha1
      kind: ModelDeployment
      metadata: {name: tiny}
      spec:
        model: {version: "1", uri: "file:///models/tiny.onnx"}
      """;

  private ModelDeploymentFixtures() {}

  /** {@link #FULL} as a tree. */
  public static JsonNode full() {
    return CrdSchemaValidator.readYaml(FULL);
  }

  /** {@link #MINIMAL} as a tree. */
  public static JsonNode minimal() {
    return CrdSchemaValidator.readYaml(MINIMAL);
  }
}
