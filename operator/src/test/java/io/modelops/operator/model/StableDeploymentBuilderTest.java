package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelops.api.v1alpha1.AcceleratorSpec;
import io.modelops.api.v1alpha1.AcceleratorType;
import io.modelops.api.v1alpha1.AutoscalingSpec;
import io.modelops.api.v1alpha1.BatchingSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.PodTemplateOverrides;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.testing.ModelDeployments;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StableDeploymentBuilderTest {

  static final String SHA = "3f9a1c0d5e7b2a4f6c8e0d1b3a5c7e9f2d4b6a8c0e1f3a5b7c9d0e2f4a6b8c0d";

  OperatorSettings settings = OperatorSettings.defaults();
  ModelDeployment md;

  @BeforeEach
  void setUp() {
    md = ModelDeployments.sample("search", "ctr", 3);
    md.getMetadata().setUid("uid-1");
  }

  private Deployment build() {
    return StableDeploymentBuilder.build(md, settings);
  }

  private static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> env(Deployment d) {
    return container(d).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "" : e.getValue()));
  }

  @Test
  void nameReplicasSelectorAndOwner() {
    Deployment d = build();
    assertEquals("ctr-stable", d.getMetadata().getName());
    assertEquals("search", d.getMetadata().getNamespace());
    assertEquals(3, d.getSpec().getReplicas());
    assertEquals(
        Map.of(Labels.NAME, "inference-runtime", Labels.INSTANCE, "ctr", Labels.TRACK, "stable"),
        d.getSpec().getSelector().getMatchLabels());
    var ref = d.getMetadata().getOwnerReferences().get(0);
    assertEquals("ModelDeployment", ref.getKind());
    assertEquals("modelops.io/v1alpha1", ref.getApiVersion());
    assertEquals("uid-1", ref.getUid());
    assertTrue(ref.getController());
  }

  @Test
  void standardLabelsOnDeploymentAndPods() {
    Deployment d = build();
    for (Map<String, String> labels :
        List.of(d.getMetadata().getLabels(), d.getSpec().getTemplate().getMetadata().getLabels())) {
      assertEquals("inference-runtime", labels.get("app.kubernetes.io/name"));
      assertEquals("ctr", labels.get("app.kubernetes.io/instance"));
      assertEquals("2026-11-13", labels.get("app.kubernetes.io/version"));
      assertEquals("model-server", labels.get("app.kubernetes.io/component"));
      assertEquals("modelops", labels.get("app.kubernetes.io/part-of"));
      assertEquals("modelops-operator", labels.get("app.kubernetes.io/managed-by"));
      assertEquals("stable", labels.get("modelops.io/track"));
    }
    // The pod selector must be a subset of the pod labels.
    var podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    d.getSpec().getSelector().getMatchLabels().forEach((k, v) -> assertEquals(v, podLabels.get(k)));
  }

  @Test
  void environmentContractWithTheRuntime() {
    md.getSpec().getModel().setSha256(SHA);
    BatchingSpec batching = new BatchingSpec();
    batching.setMaxBatchSize(64);
    batching.setMaxQueueDelay("2ms");
    md.getSpec().getRuntime().setBatching(batching);

    Map<String, String> env = env(build());
    assertEquals("ctr-ranker", env.get("MODEL_NAME"));
    assertEquals("2026-11-13", env.get("MODEL_VERSION"));
    assertEquals("file:///models/ctr-ranker-2026-11-13.onnx", env.get("MODEL_URI"));
    assertEquals(SHA, env.get("MODEL_SHA256"));
    assertEquals("/var/cache/modelops", env.get("MODEL_CACHE_DIR"));
    assertEquals("8080", env.get("RUNTIME_PORT"));
    assertEquals("cpu", env.get("RUNTIME_DEVICE"));
    assertEquals("64", env.get("RUNTIME_BATCH_MAX_SIZE"));
    assertEquals("2ms", env.get("RUNTIME_BATCH_MAX_QUEUE_DELAY"));
  }

  @Test
  void defaultsWithoutShaOrBatching() {
    Map<String, String> env = env(build());
    assertFalse(env.containsKey("MODEL_SHA256"));
    assertEquals("1", env.get("RUNTIME_BATCH_MAX_SIZE"));
    assertFalse(env.containsKey("RUNTIME_BATCH_MAX_QUEUE_DELAY"));
    assertEquals(OperatorSettings.DEFAULT_RUNTIME_IMAGE, container(build()).getImage());
  }

  @Test
  void imageFromSpecOrFromOperatorConfig() {
    settings = settings.withRuntimeImage("registry.example/runtime:2");
    assertEquals("registry.example/runtime:2", container(build()).getImage());
    md.getSpec().getRuntime().setImage("mine/runtime:3");
    assertEquals("mine/runtime:3", container(build()).getImage());
  }

  private void requestGpu() {
    AcceleratorSpec gpu = new AcceleratorSpec();
    gpu.setType(AcceleratorType.NvidiaGpu);
    md.getSpec().getRuntime().setAccelerator(gpu);
  }

  @Test
  void cpuDeploymentGetsTheCpuRuntimeImage() {
    settings = settings.withRuntimeImage("registry.example/runtime:2");
    assertEquals("registry.example/runtime:2", container(build()).getImage());
  }

  @Test
  void gpuDeploymentGetsTheCudaRuntimeImageByDefault() {
    requestGpu();
    assertEquals(OperatorSettings.DEFAULT_RUNTIME_GPU_IMAGE, container(build()).getImage());
    assertEquals("modelops/inference-runtime:0.1.0-gpu", container(build()).getImage());
    settings =
        settings
            .withRuntimeImage("registry.example/runtime:2")
            .withRuntimeGpuImage("registry.example/runtime:2-gpu");
    assertEquals("registry.example/runtime:2-gpu", container(build()).getImage());
  }

  @Test
  void explicitImageWinsForCpuAndGpu() {
    md.getSpec().getRuntime().setImage("mine/runtime:3");
    assertEquals("mine/runtime:3", container(build()).getImage());
    requestGpu();
    assertEquals("mine/runtime:3", container(build()).getImage());
  }

  @Test
  void runtimeClassNameOnlyFromTheAccelerator() {
    assertNull(build().getSpec().getTemplate().getSpec().getRuntimeClassName());
    requestGpu();
    assertNull(build().getSpec().getTemplate().getSpec().getRuntimeClassName());
    md.getSpec().getRuntime().getAccelerator().setRuntimeClassName("nvidia");
    assertEquals("nvidia", build().getSpec().getTemplate().getSpec().getRuntimeClassName());
  }

  @Test
  void healthProbesAndMetricsScraping() {
    Deployment d = build();
    Container c = container(d);
    assertEquals("/v2/health/live", c.getLivenessProbe().getHttpGet().getPath());
    assertEquals("/v2/health/ready", c.getReadinessProbe().getHttpGet().getPath());
    assertEquals("/v2/health/live", c.getStartupProbe().getHttpGet().getPath());
    assertEquals("http", c.getReadinessProbe().getHttpGet().getPort().getStrVal());
    assertEquals("http", c.getPorts().get(0).getName());
    assertEquals(8080, c.getPorts().get(0).getContainerPort());
    var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
    assertEquals("true", annotations.get("prometheus.io/scrape"));
    assertEquals("8080", annotations.get("prometheus.io/port"));
    assertEquals("/metrics", annotations.get("prometheus.io/path"));
  }

  @Test
  void lockedDownSecurityContext() {
    Deployment d = build();
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertFalse(pod.getAutomountServiceAccountToken());
    var sc = container(d).getSecurityContext();
    assertTrue(sc.getRunAsNonRoot());
    assertTrue(sc.getReadOnlyRootFilesystem());
    assertFalse(sc.getAllowPrivilegeEscalation());
    assertFalse(sc.getPrivileged());
    assertEquals(List.of("ALL"), sc.getCapabilities().getDrop());
    assertEquals("RuntimeDefault", sc.getSeccompProfile().getType());
    // Writable paths are emptyDirs: the model cache and /tmp.
    var mounts =
        container(d).getVolumeMounts().stream()
            .collect(Collectors.toMap(m -> m.getMountPath(), m -> m.getName()));
    assertEquals(Map.of("/var/cache/modelops", "model-cache", "/tmp", "tmp"), mounts);
    assertTrue(pod.getVolumes().stream().allMatch(v -> v.getEmptyDir() != null));
  }

  @Test
  void runtimeReportsLoadFailuresThroughTheTerminationMessage() {
    Container c = container(build());
    assertEquals("/dev/termination-log", c.getTerminationMessagePath());
    assertEquals("FallbackToLogsOnError", c.getTerminationMessagePolicy());
  }

  @Test
  void rollingUpdateNeverGoesBelowCapacity() {
    Deployment d = build();
    assertEquals("RollingUpdate", d.getSpec().getStrategy().getType());
    assertEquals(0, d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
    assertEquals(1, d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal());
    assertEquals(900, d.getSpec().getProgressDeadlineSeconds());
    ReleaseSpec release = new ReleaseSpec();
    release.setProgressDeadline("5m");
    md.getSpec().setRelease(release);
    assertEquals(300, build().getSpec().getProgressDeadlineSeconds());
  }

  @Test
  void pvcModelIsMountedReadOnly() {
    md.getSpec().getModel().setUri("pvc://model-store/ctr/v2/model.onnx");
    Deployment d = build();
    var volume =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getPersistentVolumeClaim() != null)
            .findFirst()
            .orElseThrow();
    assertEquals("model-store", volume.getPersistentVolumeClaim().getClaimName());
    assertTrue(volume.getPersistentVolumeClaim().getReadOnly());
    var mount =
        container(d).getVolumeMounts().stream()
            .filter(m -> m.getName().equals(volume.getName()))
            .findFirst()
            .orElseThrow();
    assertEquals("/mnt/models", mount.getMountPath());
    assertTrue(mount.getReadOnly());
    assertEquals("file:///mnt/models/ctr/v2/model.onnx", env(d).get("MODEL_URI"));
  }

  @Test
  void gpuAcceleratorRequestsDevicesNodeAndToleration() {
    AcceleratorSpec gpu = new AcceleratorSpec();
    gpu.setType(AcceleratorType.NvidiaGpu);
    gpu.setCount(2);
    gpu.setProduct("NVIDIA-A10");
    md.getSpec().getRuntime().setAccelerator(gpu);
    md.getSpec()
        .getRuntime()
        .setResources(
            new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("2"))
                .addToLimits("memory", new Quantity("4Gi"))
                .build());

    Deployment d = build();
    var resources = container(d).getResources();
    assertEquals(new Quantity("2"), resources.getLimits().get("nvidia.com/gpu"));
    assertEquals(new Quantity("4Gi"), resources.getLimits().get("memory"));
    assertEquals(new Quantity("2"), resources.getRequests().get("cpu"));
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertEquals("NVIDIA-A10", pod.getNodeSelector().get("nvidia.com/gpu.product"));
    Toleration toleration = pod.getTolerations().get(0);
    assertEquals("nvidia.com/gpu", toleration.getKey());
    assertEquals("Exists", toleration.getOperator());
    assertEquals("NoSchedule", toleration.getEffect());
    assertEquals("cuda", env(d).get("RUNTIME_DEVICE"));
    // The spec object is not modified by the builder.
    assertNull(md.getSpec().getRuntime().getResources().getLimits().get("nvidia.com/gpu"));
  }

  @Test
  void cpuDeploymentHasNoGpuSettings() {
    PodSpec pod = build().getSpec().getTemplate().getSpec();
    assertNull(pod.getNodeSelector());
    assertNull(pod.getTolerations());
    assertNull(container(build()).getResources().getLimits().get("nvidia.com/gpu"));
  }

  @Test
  void podTemplateOverridesPassThroughButDoNotWinOverTheOperator() {
    PodTemplateOverrides overrides = new PodTemplateOverrides();
    overrides.setLabels(Map.of("team", "search", Labels.TRACK, "hijack"));
    overrides.setAnnotations(Map.of("cost-center", "42", "prometheus.io/port", "9999"));
    overrides.setNodeSelector(Map.of("pool", "inference"));
    overrides.setTolerations(
        List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
    overrides.setServiceAccountName("model-reader");
    overrides.setEnv(
        List.of(
            new EnvVar("RUNTIME_ORT_INTRA_OP_THREADS", "4", null),
            new EnvVar("MODEL_URI", "file:///evil.onnx", null),
            new EnvVar("MODELOPS_SECRET", "x", null)));
    md.getSpec().getRuntime().setPodTemplate(overrides);

    Deployment d = build();
    var template = d.getSpec().getTemplate();
    assertEquals("search", template.getMetadata().getLabels().get("team"));
    assertEquals("stable", template.getMetadata().getLabels().get(Labels.TRACK));
    assertEquals("42", template.getMetadata().getAnnotations().get("cost-center"));
    assertEquals("8080", template.getMetadata().getAnnotations().get("prometheus.io/port"));
    assertEquals("inference", template.getSpec().getNodeSelector().get("pool"));
    assertEquals("dedicated", template.getSpec().getTolerations().get(0).getKey());
    assertEquals("model-reader", template.getSpec().getServiceAccountName());
    Map<String, String> env = env(d);
    assertEquals("4", env.get("RUNTIME_ORT_INTRA_OP_THREADS"));
    assertEquals("file:///models/ctr-ranker-2026-11-13.onnx", env.get("MODEL_URI"));
    assertFalse(env.containsKey("MODELOPS_SECRET"));
  }

  @Test
  void modelChangeChangesThePodTemplateAndHashes() {
    Deployment before = build();
    md.getSpec().getModel().setVersion("2026-11-20");
    md.getSpec().getModel().setUri("file:///models/ctr-ranker-2026-11-20.onnx");
    Deployment after = build();
    assertNotEquals(before.getSpec().getTemplate(), after.getSpec().getTemplate());
    assertNotEquals(
        StableDeploymentBuilder.revisionOf(before), StableDeploymentBuilder.revisionOf(after));
    assertNotEquals(hash(before), hash(after));
    assertEquals("2026-11-20", StableDeploymentBuilder.modelVersionOf(after));
  }

  @Test
  void sameInputSameOutput() {
    assertEquals(build(), build());
    assertEquals(10, StableDeploymentBuilder.revisionOf(build()).length());
  }

  @Test
  void replicasChangeTheHashUnlessAnAutoscalerOwnsThem() {
    Deployment three = build();
    md.getSpec().getRuntime().setReplicas(4);
    assertNotEquals(hash(three), hash(build()));
    assertEquals(
        StableDeploymentBuilder.revisionOf(three),
        StableDeploymentBuilder.revisionOf(build()),
        "replicas are not part of the pod template");

    AutoscalingSpec autoscaling = new AutoscalingSpec();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(10);
    md.getSpec().getRuntime().setAutoscaling(autoscaling);
    Deployment autoscaled = build();
    assertEquals(2, autoscaled.getSpec().getReplicas(), "initial replicas = minReplicas");
    assertTrue(StableDeploymentBuilder.replicasManagedByAutoscaler(md));
    md.getSpec().getRuntime().setReplicas(7);
    assertEquals(hash(autoscaled), hash(build()));
  }

  @Test
  void pausedReleasePausesTheDeployment() {
    assertNull(build().getSpec().getPaused());
    ReleaseSpec release = new ReleaseSpec();
    release.setPaused(true);
    md.getSpec().setRelease(release);
    assertTrue(build().getSpec().getPaused());
  }

  private static String hash(Deployment d) {
    return d.getMetadata().getAnnotations().get(Annotations.SPEC_HASH);
  }
}
