package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.modelops.api.v1alpha1.AcceleratorSpec;
import io.modelops.api.v1alpha1.AcceleratorType;
import io.modelops.api.v1alpha1.BatchingSpec;
import io.modelops.api.v1alpha1.KeyReference;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.PodTemplateOverrides;
import io.modelops.api.v1alpha1.PublicKeySource;
import io.modelops.api.v1alpha1.SignaturePolicy;
import io.modelops.api.v1alpha1.SignatureSpec;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract between operator and runtime: the env the operator's real builder writes for a
 * ModelDeployment is accepted by the runtime's real configuration parser, and the spec's values are
 * the ones the runtime ends up with.
 */
class RuntimeEnvContractTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  static Stream<Arguments> deployments() throws IOException {
    List<Arguments> all = new ArrayList<>();
    var serialization = new KubernetesSerialization();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        ModelDeployment md = serialization.unmarshal(Files.readString(file), ModelDeployment.class);
        md.getMetadata().setNamespace("default");
        all.add(Arguments.of(file.getFileName().toString(), md));
      }
    }
    assertFalse(all.isEmpty(), "no examples in " + EXAMPLES.toAbsolutePath());
    all.add(Arguments.of("sample fixture", ModelDeployments.sample("search", "ctr", 3)));
    all.add(Arguments.of("full fixture", full()));
    all.add(Arguments.of("signed, keys from a ConfigMap key, pvc signature", signedOnPvc()));
    all.add(Arguments.of("signed inline, IfPresent", signedInline()));
    all.add(Arguments.of("signature Disabled", signatureDisabled()));
    return all.stream();
  }

  /** Every field that reaches the runtime's env set, with a compound duration. */
  static ModelDeployment full() {
    ModelDeployment md = ModelDeployments.sample("search", "ctr", 2);
    md.getSpec().getModel().setSha256("ab".repeat(32));
    var runtime = md.getSpec().getRuntime();
    BatchingSpec batching = new BatchingSpec();
    batching.setMaxBatchSize(64);
    batching.setMaxQueueDelay("1ms500us");
    runtime.setBatching(batching);
    AcceleratorSpec accelerator = new AcceleratorSpec();
    accelerator.setType(AcceleratorType.NvidiaGpu);
    accelerator.setCount(1);
    runtime.setAccelerator(accelerator);
    PodTemplateOverrides overrides = new PodTemplateOverrides();
    overrides.setEnv(
        List.of(
            new EnvVarBuilder().withName("RUNTIME_READ_TIMEOUT").withValue("1m30s").build(),
            new EnvVarBuilder().withName("RUNTIME_IDLE_TIMEOUT").withValue("2.5s").build(),
            new EnvVarBuilder().withName("RUNTIME_ORT_INTRA_OP_THREADS").withValue("2").build(),
            new EnvVarBuilder()
                .withName("OTHER_SECRET")
                .withNewValueFrom()
                .withNewSecretKeyRef("key", "name", false)
                .endValueFrom()
                .build()));
    runtime.setPodTemplate(overrides);
    return md;
  }

  /** A pvc:// model whose signature sits elsewhere on the same claim; one key of a ConfigMap. */
  static ModelDeployment signedOnPvc() {
    ModelDeployment md = ModelDeployments.sample("search", "ctr", 1);
    md.getSpec().getModel().setUri("pvc://store/ctr/model.onnx");
    SignatureSpec signature = new SignatureSpec();
    signature.setUri("pvc://store/signatures/ctr.onnx.sig");
    KeyReference ref = new KeyReference();
    ref.setName("signing-keys");
    ref.setKey("cosign.pub");
    PublicKeySource keys = new PublicKeySource();
    keys.setConfigMapRef(ref);
    signature.setPublicKeys(keys);
    md.getSpec().getModel().setSignature(signature);
    return md;
  }

  /** An inline signature under IfPresent, keys from a whole Secret. */
  static ModelDeployment signedInline() {
    ModelDeployment md = ModelDeployments.sample("search", "ctr", 1);
    SignatureSpec signature = new SignatureSpec();
    signature.setPolicy(SignaturePolicy.IfPresent);
    signature.setInline("MEUCIQDx+/abcd==");
    KeyReference ref = new KeyReference();
    ref.setName("model-signing-keys");
    PublicKeySource keys = new PublicKeySource();
    keys.setSecretRef(ref);
    signature.setPublicKeys(keys);
    md.getSpec().getModel().setSignature(signature);
    return md;
  }

  static ModelDeployment signatureDisabled() {
    ModelDeployment md = signedInline();
    md.getSpec().getModel().getSignature().setPolicy(SignaturePolicy.Disabled);
    return md;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void theRuntimeAcceptsTheEnvAndEndsUpWithTheSpecsValues(String name, ModelDeployment md) {
    Map<String, String> env = plainEnv(md);
    RuntimeConfig config = RuntimeConfig.load(env, new String[0]);

    var model = md.getSpec().getModel();
    var runtime = md.getSpec().getRuntime();
    var batching = runtime.getBatching();
    assertEquals(ModelDeploymentNames.modelName(md), config.modelName());
    assertEquals(model.getVersion(), config.modelVersion());
    assertEquals(ModelUri.parse(model.getUri()).runtimeUri(), config.modelUri());
    assertEquals(model.getSha256(), config.modelSha256());
    assertEquals(RuntimeContainerBuilder.PORT, config.port());
    assertEquals(Path.of(RuntimeContainerBuilder.CACHE_DIR), config.cacheDir());
    assertEquals(
        runtime.getAccelerator() == null ? RuntimeConfig.Device.CPU : RuntimeConfig.Device.CUDA,
        config.device());
    int batchSize =
        batching == null || batching.getMaxBatchSize() == null ? 1 : batching.getMaxBatchSize();
    assertEquals(batchSize, config.batchMaxSize());
    String delay =
        batching == null || batching.getMaxQueueDelay() == null
            ? "2ms"
            : batching.getMaxQueueDelay();
    assertEquals(Durations.parse(delay), config.batchMaxQueueDelay());
    assertFalse(config.adminEnabled());
    assertSignatureSettings(md, config);
  }

  /**
   * spec.model.signature as the runtime ends up with it; the keys are where the pod mounts them.
   */
  static void assertSignatureSettings(ModelDeployment md, RuntimeConfig config) {
    var signature = md.getSpec().getModel().getSignature();
    SignaturePolicy policy =
        signature == null ? SignaturePolicy.Disabled : SignatureMounts.policy(signature);
    switch (policy) {
      case Required ->
          assertEquals(RuntimeConfig.SignaturePolicy.REQUIRED, config.signaturePolicy());
      case IfPresent ->
          assertEquals(RuntimeConfig.SignaturePolicy.IF_PRESENT, config.signaturePolicy());
      case Disabled -> {
        assertEquals(RuntimeConfig.SignaturePolicy.DISABLED, config.signaturePolicy());
        assertNull(config.signatureKeys());
        assertNull(config.signatureUri());
        assertNull(config.signatureInline());
        return;
      }
    }
    Path keys = config.signatureKeys();
    assertEquals(Path.of(SignatureMounts.KEYS_DIR), keys);
    var pod =
        StableDeploymentBuilder.build(md, OperatorSettings.defaults()).getSpec().getTemplate();
    var container =
        pod.getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(RuntimeContainerBuilder.CONTAINER_NAME))
            .findFirst()
            .orElseThrow();
    var mount =
        container.getVolumeMounts().stream()
            .filter(m -> Path.of(m.getMountPath()).equals(keys))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + keys));
    assertTrue(mount.getReadOnly());
    var volume =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    var refs = signature.getPublicKeys();
    if (refs.getSecretRef() != null) {
      assertEquals(refs.getSecretRef().getName(), volume.getSecret().getSecretName());
    } else {
      assertEquals(refs.getConfigMapRef().getName(), volume.getConfigMap().getName());
      assertEquals(
          refs.getConfigMapRef().getKey(), volume.getConfigMap().getItems().get(0).getKey());
    }
    if (signature.getInline() != null) {
      assertEquals(signature.getInline(), config.signatureInline());
      assertNull(config.signatureUri());
    } else {
      String expected =
          signature.getUri() != null
              ? ModelUri.parse(signature.getUri()).runtimeUri()
              : ModelUri.parse(md.getSpec().getModel().getUri()).runtimeUri() + ".sig";
      assertEquals(expected, config.signatureUri());
      if (signature.getUri() != null && signature.getUri().startsWith("pvc://")) {
        // the signature is read through the model's claim mount
        assertTrue(config.signatureUri().startsWith("file://" + ModelUri.PVC_MOUNT_PATH + "/"));
      }
    }
  }

  @Test
  void passThroughEnvCannotSwitchTheSignatureCheckOff() {
    ModelDeployment md = signedInline();
    PodTemplateOverrides overrides = new PodTemplateOverrides();
    overrides.setEnv(
        List.of(
            new EnvVarBuilder().withName("MODEL_SIGNATURE_POLICY").withValue("disabled").build(),
            new EnvVarBuilder().withName("MODEL_SIGNATURE_KEYS").withValue("/tmp").build()));
    md.getSpec().getRuntime().setPodTemplate(overrides);
    RuntimeConfig config = RuntimeConfig.load(plainEnv(md), new String[0]);
    assertEquals(RuntimeConfig.SignaturePolicy.IF_PRESENT, config.signaturePolicy());
    assertEquals(Path.of(SignatureMounts.KEYS_DIR), config.signatureKeys());
  }

  @Test
  void aCompoundDurationRoundTrips() {
    RuntimeConfig config = RuntimeConfig.load(plainEnv(full()), new String[0]);
    assertEquals(Duration.ofNanos(1_500_000), config.batchMaxQueueDelay());
    assertEquals(Duration.ofSeconds(90), config.readTimeout());
    assertEquals(Duration.ofMillis(2500), config.idleTimeout());
    assertEquals(2, config.intraOpThreads());
    assertEquals(RuntimeConfig.Device.CUDA, config.device());
  }

  @Test
  void everyVariableTheOperatorOwnsIsOneTheRuntimeReads() {
    for (String name : RuntimeContainerBuilder.OPERATOR_ENV) {
      assertTrue(RuntimeConfig.KNOWN.contains(name), name);
    }
  }

  /** The runtime container's env as the runtime sees it: plain values only (valueFrom skipped). */
  static Map<String, String> plainEnv(ModelDeployment md) {
    md.getMetadata().setUid("uid-1");
    var deployment = StableDeploymentBuilder.build(md, OperatorSettings.defaults());
    Container container =
        deployment.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(RuntimeContainerBuilder.CONTAINER_NAME))
            .findFirst()
            .orElseThrow();
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : container.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      }
    }
    return env;
  }
}
