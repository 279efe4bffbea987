package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.RuntimeSpec;
import io.modelops.operator.config.OperatorSettings;
import java.util.Map;

/**
 * The stable track's Deployment ({@code <name>-stable}) as a RollingUpdate release renders it: the
 * spec's template at the desired replicas, paused by {@code spec.release.paused}. Also the helpers
 * that read back what a Deployment built here runs. Pure.
 *
 * <p>When autoscaling is set the replicas here are only the initial value (minReplicas): the
 * reconciler keeps whatever the HPA set on update, and the spec hash leaves replicas out.
 */
public final class StableDeploymentBuilder {

  /** Non-root user and group the runtime runs as. */
  public static final long RUNTIME_UID = RuntimePodSpec.RUNTIME_UID;

  public static final String GPU_PRODUCT_LABEL = RuntimePodSpec.GPU_PRODUCT_LABEL;
  public static final int REVISION_LENGTH = PodTemplates.REVISION_LENGTH;

  private StableDeploymentBuilder() {}

  /**
   * Builds the stable Deployment of a RollingUpdate release.
   *
   * @throws IllegalArgumentException if the spec cannot be resolved (schema validation normally
   *     rejects such specs first)
   */
  public static Deployment build(ModelDeployment md, OperatorSettings settings) {
    return build(SpecResolver.resolveOrThrow(md, settings.defaultProgressDeadline()), settings);
  }

  /** Builds the stable Deployment of a RollingUpdate release from a resolved spec. */
  public static Deployment build(ResolvedSpec spec, OperatorSettings settings) {
    Deployment deployment =
        TrackDeploymentBuilder.build(
            spec,
            settings,
            Labels.TRACK_STABLE,
            PodTemplates.build(spec, settings, Labels.TRACK_STABLE),
            spec.replicas(),
            !spec.autoscaled());
    if (spec.paused()) {
      deployment.getSpec().setPaused(true);
      var hashed = new DeploymentSpecBuilder(deployment.getSpec()).build();
      if (spec.autoscaled()) {
        hashed.setReplicas(null);
      }
      Hashes.withSpecHash(deployment, hashed);
    }
    return deployment;
  }

  /** True when an HPA owns the replica count. */
  public static boolean replicasManagedByAutoscaler(ModelDeployment md) {
    return RuntimeContainerBuilder.runtime(md).getAutoscaling() != null;
  }

  /** Replicas the stable track should have: spec.runtime.replicas, or minReplicas with an HPA. */
  public static int initialReplicas(ModelDeployment md) {
    RuntimeSpec runtime = RuntimeContainerBuilder.runtime(md);
    if (runtime.getAutoscaling() != null) {
      Integer min = runtime.getAutoscaling().getMinReplicas();
      return min == null ? 1 : min;
    }
    return runtime.getReplicas() == null ? 1 : runtime.getReplicas();
  }

  /** The pod template revision a Deployment built by this class runs. */
  public static String revisionOf(Deployment deployment) {
    var template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
    if (template == null || template.getMetadata() == null) {
      return null;
    }
    Map<String, String> labels = template.getMetadata().getLabels();
    return labels == null ? null : labels.get(Labels.REVISION);
  }

  /** The model version a Deployment built by this class serves. */
  public static String modelVersionOf(Deployment deployment) {
    return deployment.getSpec() == null ? null : modelVersionOf(deployment.getSpec().getTemplate());
  }

  /** The model version a pod template built by {@link PodTemplates} serves. */
  public static String modelVersionOf(PodTemplateSpec template) {
    if (template == null || template.getMetadata() == null) {
      return null;
    }
    Map<String, String> annotations = template.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Annotations.MODEL_VERSION);
  }
}
