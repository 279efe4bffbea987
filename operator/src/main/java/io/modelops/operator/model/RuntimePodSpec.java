package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.PodTemplateOverrides;
import io.modelops.api.v1alpha1.RuntimeSpec;
import io.modelops.operator.config.OperatorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime pod's spec: scheduling (GPU node selector and toleration, spread over nodes), the
 * volumes (a bounded model cache), a locked-down security context and a termination grace that
 * covers the preStop delay plus the runtime's drain. Pure.
 */
public final class RuntimePodSpec {

  public static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
  public static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

  /** Non-root user and group the runtime runs as. */
  public static final long RUNTIME_UID = 10001L;

  /**
   * preStop sleep + the runtime's default drain grace (RUNTIME_DRAIN_GRACE 20s, docs/runtime.md) +
   * 15s to spare, so the kubelet never kills a pod that is still answering.
   */
  public static final long TERMINATION_GRACE_SECONDS =
      RuntimeContainerBuilder.PRE_STOP_SLEEP_SECONDS + 20 + 15;

  /** Upper bound of the model download cache (an emptyDir counted against the node's disk). */
  public static final Quantity CACHE_SIZE_LIMIT = new Quantity("10Gi");

  private RuntimePodSpec() {}

  /** The pod spec of {@code track}. */
  static PodSpec build(ResolvedSpec spec, OperatorSettings settings, String track) {
    ModelDeployment md = spec.md();
    RuntimeSpec runtime = RuntimeContainerBuilder.runtime(md);
    PodTemplateOverrides overrides = overrides(md);
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
        .withContainers(RuntimeContainerBuilder.build(md, spec.uri(), settings))
        .withVolumes(volumes(md, spec.uri()))
        .withServiceAccountName(overrides.getServiceAccountName())
        .withRuntimeClassName(accelerator == null ? null : accelerator.getRuntimeClassName())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
        .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
        .withTolerations(tolerations.isEmpty() ? null : tolerations)
        .withAffinity(overrides.getAffinity())
        .withTopologySpreadConstraints(spreadOverNodes(md, track))
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

  static PodTemplateOverrides overrides(ModelDeployment md) {
    PodTemplateOverrides overrides = RuntimeContainerBuilder.runtime(md).getPodTemplate();
    return overrides == null ? new PodTemplateOverrides() : overrides;
  }

  /** A node loss takes as few of the track's pods as possible; never blocks scheduling. */
  private static TopologySpreadConstraint spreadOverNodes(ModelDeployment md, String track) {
    return new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(HOSTNAME_TOPOLOGY)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withLabelSelector(
            new LabelSelectorBuilder().withMatchLabels(Labels.trackSelector(md, track)).build())
        .build();
  }

  private static List<Volume> volumes(ModelDeployment md, ModelUri uri) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(RuntimeContainerBuilder.CACHE_VOLUME)
            .withEmptyDir(new EmptyDirVolumeSourceBuilder().withSizeLimit(CACHE_SIZE_LIMIT).build())
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
    SignatureMounts.volume(md).ifPresent(volumes::add);
    if (FaultInjection.enabled(md)) {
      volumes.add(
          new VolumeBuilder()
              .withName(FaultInjection.VOLUME)
              .withNewSecret()
              .withSecretName(ModelDeploymentNames.faultTokenSecret(md))
              .withDefaultMode(FaultInjection.FILE_MODE)
              .endSecret()
              .build());
    }
    return volumes;
  }
}
