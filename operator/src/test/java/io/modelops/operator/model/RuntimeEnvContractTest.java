package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.modelops.api.v1alpha1.AcceleratorSpec;
import io.modelops.api.v1alpha1.AcceleratorType;
import io.modelops.api.v1alpha1.BatchingSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.PodTemplateOverrides;
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
