package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.modelops.api.v1alpha1.AcceleratorSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.RuntimeSpec;
import io.modelops.operator.config.OperatorSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the inference-runtime container: the environment contract with the runtime, the V2 health
 * probes, the metrics port and a locked-down security context. Pure.
 */
public final class RuntimeContainerBuilder {

  public static final String CONTAINER_NAME = "inference-runtime";
  public static final int PORT = 8080;
  public static final String PORT_NAME = "http";
  public static final String LIVE_PATH = "/v2/health/live";
  public static final String READY_PATH = "/v2/health/ready";
  public static final String METRICS_PATH = "/metrics";
  public static final String CACHE_DIR = "/var/cache/modelops";
  public static final String TMP_DIR = "/tmp";
  public static final String CACHE_VOLUME = "model-cache";
  public static final String TMP_VOLUME = "tmp";
  public static final String MODEL_VOLUME = "model-store";
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  /**
   * Seconds the container waits on deletion before it gets SIGTERM: long enough for the endpoint
   * controller and every proxy to drop the pod, so no new request reaches a draining runtime.
   */
  public static final long PRE_STOP_SLEEP_SECONDS = 5;

  /** Requests when spec.runtime.resources names none: the scheduler must not pack blindly. */
  public static final Map<String, Quantity> DEFAULT_REQUESTS =
      Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"));

  /** Where the runtime writes why its model could not be loaded (its default, docs/runtime.md). */
  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  /** The runtime's exit code when its model could not be loaded (docs/runtime.md). */
  public static final int MODEL_LOAD_FAILED_EXIT_CODE = 3;

  /** How the runtime's termination message for a failed model load starts. */
  public static final String MODEL_LOAD_FAILED_PREFIX = "model load failed: ";

  /** Environment variables the operator owns; pass-through env cannot override them. */
  static final Set<String> OPERATOR_ENV =
      Set.of(
          "MODEL_NAME",
          "MODEL_VERSION",
          "MODEL_URI",
          "MODEL_SHA256",
          "MODEL_CACHE_DIR",
          "MODEL_SIGNATURE_POLICY",
          "MODEL_SIGNATURE_URI",
          "MODEL_SIGNATURE",
          "MODEL_SIGNATURE_KEYS",
          "RUNTIME_PORT",
          "RUNTIME_DEVICE",
          "RUNTIME_BATCH_MAX_SIZE",
          "RUNTIME_BATCH_MAX_QUEUE_DELAY",
          "RUNTIME_ADMIN_ENABLED",
          "RUNTIME_ADMIN_TOKEN_FILE",
          "RUNTIME_ADMIN_MAX_FAULT_DURATION");

  private RuntimeContainerBuilder() {}

  /** The runtime container of {@code md}. */
  public static Container build(ModelDeployment md, ModelUri uri, OperatorSettings settings) {
    RuntimeSpec runtime = runtime(md);
    String image = image(runtime, settings);
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName(CACHE_VOLUME).withMountPath(CACHE_DIR).build());
    mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath(TMP_DIR).build());
    if (uri.pvcClaim().isPresent()) {
      mounts.add(
          new VolumeMountBuilder()
              .withName(MODEL_VOLUME)
              .withMountPath(ModelUri.PVC_MOUNT_PATH)
              .withReadOnly(true)
              .build());
    }
    SignatureMounts.mount(md).ifPresent(mounts::add);
    if (FaultInjection.enabled(md)) {
      mounts.add(
          new VolumeMountBuilder()
              .withName(FaultInjection.VOLUME)
              .withMountPath(FaultInjection.MOUNT_PATH)
              .withReadOnly(true)
              .build());
    }
    return new ContainerBuilder()
        .withName(CONTAINER_NAME)
        .withImage(image)
        .withImagePullPolicy(
            runtime.getImagePullPolicy() == null ? null : runtime.getImagePullPolicy().name())
        .addNewPort()
        .withName(PORT_NAME)
        .withContainerPort(PORT)
        .withProtocol("TCP")
        .endPort()
        .withEnv(env(md, uri))
        .withResources(resources(runtime))
        .withVolumeMounts(mounts)
        .withLivenessProbe(probe(LIVE_PATH, 10, 3))
        .withReadinessProbe(probe(READY_PATH, 5, 3))
        // Model downloads and loads can take minutes: allow 5 minutes before liveness applies.
        .withStartupProbe(probe(LIVE_PATH, 5, 60))
        .withNewLifecycle()
        .withNewPreStop()
        .withNewSleep()
        .withSeconds(PRE_STOP_SLEEP_SECONDS)
        .endSleep()
        .endPreStop()
        .endLifecycle()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withPrivileged(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  /**
   * The image: {@code spec.runtime.image} when set, else the operator's GPU (CUDA) runtime image
   * for a ModelDeployment with an accelerator, else its CPU runtime image.
   */
  static String image(RuntimeSpec runtime, OperatorSettings settings) {
    if (runtime.getImage() != null) {
      return runtime.getImage();
    }
    return runtime.getAccelerator() != null ? settings.runtimeGpuImage() : settings.runtimeImage();
  }

  /** The runtime's environment contract, then the pass-through env not clashing with it. */
  static List<EnvVar> env(ModelDeployment md, ModelUri uri) {
    var model = md.getSpec().getModel();
    RuntimeSpec runtime = runtime(md);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("MODEL_NAME", ModelDeploymentNames.modelName(md));
    values.put("MODEL_VERSION", model.getVersion());
    values.put("MODEL_URI", uri.runtimeUri());
    if (model.getSha256() != null) {
      values.put("MODEL_SHA256", model.getSha256());
    }
    values.put("MODEL_CACHE_DIR", CACHE_DIR);
    values.putAll(SignatureMounts.env(md));
    values.put("RUNTIME_PORT", Integer.toString(PORT));
    values.put("RUNTIME_DEVICE", runtime.getAccelerator() != null ? "cuda" : "cpu");
    var batching = runtime.getBatching();
    values.put(
        "RUNTIME_BATCH_MAX_SIZE",
        Integer.toString(
            batching == null || batching.getMaxBatchSize() == null
                ? 1
                : batching.getMaxBatchSize()));
    if (batching != null && batching.getMaxQueueDelay() != null) {
      values.put("RUNTIME_BATCH_MAX_QUEUE_DELAY", batching.getMaxQueueDelay());
    }
    if (FaultInjection.enabled(md)) {
      // The fault admin API (drills): only with the opt-in, and never without the token file.
      values.put("RUNTIME_ADMIN_ENABLED", "true");
      values.put("RUNTIME_ADMIN_TOKEN_FILE", FaultInjection.TOKEN_FILE);
      values.put("RUNTIME_ADMIN_MAX_FAULT_DURATION", FaultInjection.MAX_FAULT_DURATION);
    }
    List<EnvVar> env = new ArrayList<>();
    values.forEach((k, v) -> env.add(new EnvVarBuilder().withName(k).withValue(v).build()));
    var overrides = runtime.getPodTemplate();
    if (overrides != null && overrides.getEnv() != null) {
      for (EnvVar extra : overrides.getEnv()) {
        String name = extra.getName();
        if (name != null && !OPERATOR_ENV.contains(name) && !name.startsWith("MODELOPS_")) {
          env.add(extra);
        }
      }
    }
    return env;
  }

  private static ResourceRequirements resources(RuntimeSpec runtime) {
    ResourceRequirements given = runtime.getResources();
    var builder =
        given == null ? new ResourceRequirementsBuilder() : new ResourceRequirementsBuilder(given);
    boolean noRequests =
        given == null || given.getRequests() == null || given.getRequests().isEmpty();
    boolean noLimits = given == null || given.getLimits() == null || given.getLimits().isEmpty();
    if (noRequests && noLimits) {
      builder.withRequests(new TreeMap<>(DEFAULT_REQUESTS));
    }
    AcceleratorSpec accelerator = runtime.getAccelerator();
    if (accelerator != null) {
      int count = accelerator.getCount() == null ? 1 : accelerator.getCount();
      // Extended resources: the limit is what the scheduler counts; request defaults to it.
      builder.addToLimits(GPU_RESOURCE, new Quantity(Integer.toString(count)));
    }
    return builder.build();
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(PORT_NAME))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  static RuntimeSpec runtime(ModelDeployment md) {
    RuntimeSpec runtime = md.getSpec().getRuntime();
    return runtime == null ? new RuntimeSpec() : runtime;
  }
}
