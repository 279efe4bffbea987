package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.modelops.api.v1alpha1.AutoscalingSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.util.Optional;

/**
 * Desired autoscaling/v2 HorizontalPodAutoscaler of the stable Deployment, when {@code
 * spec.runtime.autoscaling} is set. Scales on average CPU utilisation (default 70%).
 */
public final class HorizontalPodAutoscalerBuilder {

  public static final int DEFAULT_CPU_TARGET = 70;

  private HorizontalPodAutoscalerBuilder() {}

  /** The HPA, or empty when autoscaling is not set. */
  public static Optional<HorizontalPodAutoscaler> build(ModelDeployment md) {
    AutoscalingSpec autoscaling = RuntimeContainerBuilder.runtime(md).getAutoscaling();
    if (autoscaling == null) {
      return Optional.empty();
    }
    int target =
        autoscaling.getTargetCPUUtilizationPercent() == null
            ? DEFAULT_CPU_TARGET
            : autoscaling.getTargetCPUUtilizationPercent();
    HorizontalPodAutoscaler hpa =
        new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
            .withMetadata(
                Owners.metadata(
                    md, ModelDeploymentNames.horizontalPodAutoscaler(md), Labels.standard(md)))
            .withNewSpec()
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName(ModelDeploymentNames.stableDeployment(md))
            .endScaleTargetRef()
            .withMinReplicas(StableDeploymentBuilder.initialReplicas(md))
            .withMaxReplicas(autoscaling.getMaxReplicas())
            .withMetrics(
                new MetricSpecBuilder()
                    .withType("Resource")
                    .withNewResource()
                    .withName("cpu")
                    .withNewTarget()
                    .withType("Utilization")
                    .withAverageUtilization(target)
                    .endTarget()
                    .endResource()
                    .build())
            .endSpec()
            .build();
    return Optional.of(Hashes.withSpecHash(hpa, hpa.getSpec()));
  }
}
