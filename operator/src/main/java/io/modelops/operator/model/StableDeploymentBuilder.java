package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.PodTemplateOverrides;
import io.modelops.api.v1alpha1.RuntimeSpec;
import io.modelops.operator.config.OperatorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Desired state of the stable track's Deployment ({@code <name>-stable}). Pure: the same
 * ModelDeployment and settings always give the same Deployment.
 *
 * <p>The pod template carries the {@link Labels#REVISION} label (a hash of the template), and the
 * Deployment the {@link Annotations#SPEC_HASH} annotation (a hash of everything the operator
 * manages), so the reconciler can tell whether a write is needed without a field-by-field diff.
 * When autoscaling is set the replicas here are only the initial value (minReplicas): the
 * reconciler keeps whatever the HPA set on update, and the spec hash leaves replicas out.
 */
public final class StableDeploymentBuilder {

  /** Non-root user and group the runtime runs as. */
  public static final long RUNTIME_UID = 10001L;

  public static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
  public static final int REVISION_LENGTH = 10;

  private StableDeploymentBuilder() {}

  /**
   * Builds the stable Deployment.
   *
   * @throws IllegalArgumentException if the model URI cannot be parsed (schema validation normally
   *     rejects such specs first)
   */
  public static Deployment build(ModelDeployment md, OperatorSettings settings) {
    ModelUri uri = ModelUri.parse(md.getSpec().getModel().getUri());
    RuntimeSpec runtime = RuntimeContainerBuilder.runtime(md);
    PodTemplateSpec template = podTemplate(md, uri, settings);
    String revision = Hashes.of(template, REVISION_LENGTH);
    template.getMetadata().getLabels().put(Labels.REVISION, revision);

    Map<String, String> labels = Labels.track(md, Labels.TRACK_STABLE);
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(Owners.metadata(md, ModelDeploymentNames.stableDeployment(md), labels))
            .withNewSpec()
            .withReplicas(initialReplicas(md))
            .withNewSelector()
            .withMatchLabels(Labels.trackSelector(md, Labels.TRACK_STABLE))
            .endSelector()
            .withTemplate(template)
            .withNewStrategy()
            .withType("RollingUpdate")
            // Never below the serving capacity; one extra pod at a time (GPUs are scarce).
            .withNewRollingUpdate()
            .withNewMaxSurge(1)
            .withNewMaxUnavailable(0)
            .endRollingUpdate()
            .endStrategy()
            .withProgressDeadlineSeconds(progressDeadlineSeconds(md, settings))
            .withRevisionHistoryLimit(5)
            .withPaused(isPaused(md) ? Boolean.TRUE : null)
            .endSpec()
            .build();
    // Under an HPA the replica count is not the operator's: leave it out of the hash.
    var hashed = new DeploymentSpecBuilder(deployment.getSpec()).build();
    if (runtime.getAutoscaling() != null) {
      hashed.setReplicas(null);
    }
    return Hashes.withSpecHash(deployment, hashed);
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
    var template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
    if (template == null || template.getMetadata() == null) {
      return null;
    }
    Map<String, String> annotations = template.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Annotations.MODEL_VERSION);
  }

  private static PodTemplateSpec podTemplate(
      ModelDeployment md, ModelUri uri, OperatorSettings settings) {
    RuntimeSpec runtime = RuntimeContainerBuilder.runtime(md);
    PodTemplateOverrides overrides =
        runtime.getPodTemplate() == null ? new PodTemplateOverrides() : runtime.getPodTemplate();

    Map<String, String> labels = new TreeMap<>();
    if (overrides.getLabels() != null) {
      labels.putAll(overrides.getLabels());
    }
    labels.putAll(Labels.track(md, Labels.TRACK_STABLE));

    Map<String, String> annotations = new TreeMap<>();
    if (overrides.getAnnotations() != null) {
      annotations.putAll(overrides.getAnnotations());
    }
    annotations.put("prometheus.io/scrape", "true");
    annotations.put("prometheus.io/port", Integer.toString(RuntimeContainerBuilder.PORT));
    annotations.put("prometheus.io/path", RuntimeContainerBuilder.METRICS_PATH);
    annotations.put(Annotations.OWNER_NAME, md.getMetadata().getName());
    annotations.put(Annotations.OWNER_NAMESPACE, md.getMetadata().getNamespace());
    annotations.put(Annotations.MODEL_VERSION, md.getSpec().getModel().getVersion());

    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(podSpec(md, uri, settings, runtime, overrides))
        .build();
  }

  private static PodSpec podSpec(
      ModelDeployment md,
      ModelUri uri,
      OperatorSettings settings,
      RuntimeSpec runtime,
      PodTemplateOverrides overrides) {
    Map<String, String> nodeSelector = new TreeMap<>();
    if (overrides.getNodeSelector() != null) {
      nodeSelector.putAll(overrides.getNodeSelector());
    }
    List<Toleration> tolerations = new ArrayList<>();
    if (overrides.getTolerations() != null) {
      tolerations.addAll(overrides.getTolerations());
    }
    var accelerator = runtime.getAccelerator();
    if (accelerator != null) {
      if (accelerator.getProduct() != null) {
        nodeSelector.put(GPU_PRODUCT_LABEL, accelerator.getProduct());
      }
      Toleration gpu =
          new TolerationBuilder()
              .withKey(RuntimeContainerBuilder.GPU_RESOURCE)
              .withOperator("Exists")
              .withEffect("NoSchedule")
              .build();
      if (!tolerations.contains(gpu)) {
        tolerations.add(gpu);
      }
    }
    return new PodSpecBuilder()
        .withContainers(RuntimeContainerBuilder.build(md, uri, settings))
        .withVolumes(volumes(uri))
        .withServiceAccountName(overrides.getServiceAccountName())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds(30L)
        .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
        .withTolerations(tolerations.isEmpty() ? null : tolerations)
        .withAffinity(overrides.getAffinity())
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUNTIME_UID)
        .withRunAsGroup(RUNTIME_UID)
        .withFsGroup(RUNTIME_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .build();
  }

  private static List<Volume> volumes(ModelUri uri) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(RuntimeContainerBuilder.CACHE_VOLUME)
            .withEmptyDir(new EmptyDirVolumeSourceBuilder().build())
            .build());
    volumes.add(
        new VolumeBuilder()
            .withName(RuntimeContainerBuilder.TMP_VOLUME)
            .withEmptyDir(
                new EmptyDirVolumeSourceBuilder().withSizeLimit(new Quantity("1Gi")).build())
            .build());
    uri.pvcClaim()
        .ifPresent(
            claim ->
                volumes.add(
                    new VolumeBuilder()
                        .withName(RuntimeContainerBuilder.MODEL_VOLUME)
                        .withNewPersistentVolumeClaim()
                        .withClaimName(claim)
                        .withReadOnly(true)
                        .endPersistentVolumeClaim()
                        .build()));
    return volumes;
  }

  private static int progressDeadlineSeconds(ModelDeployment md, OperatorSettings settings) {
    var release = md.getSpec().getRelease();
    if (release != null && release.getProgressDeadline() != null) {
      return (int) Math.max(1, Durations.parse(release.getProgressDeadline()).toSeconds());
    }
    return (int) settings.defaultProgressDeadline().toSeconds();
  }

  private static boolean isPaused(ModelDeployment md) {
    var release = md.getSpec().getRelease();
    return release != null && Boolean.TRUE.equals(release.getPaused());
  }
}
