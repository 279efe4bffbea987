package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.condition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import io.modelops.operator.testing.PodOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Captures the ModelDeployments the Argo CD health check is tested with ({@code
 * helm/modelops-operator/argocd/.../ModelDeployment/testdata}) from the real reconciler on the mock
 * API server: Ready, Degraded, a paused canary, a rolled-back canary, replicas not ready and a spec
 * the operator has not observed yet. Volatile fields (uid, resourceVersion, timestamps) are
 * stripped or fixed. With {@code -Dargocd.testdata.update=true} the files are rewritten; otherwise
 * the committed files must equal what the operator writes today (a drift check).
 */
@EnableKubernetesMockClient(crud = true)
class ArgoCdTestDataApiTest {

  static final Path TESTDATA =
      Path.of(
          "..",
          "helm",
          "modelops-operator",
          "argocd",
          "resource_customizations",
          "modelops.io",
          "ModelDeployment",
          "testdata");
  static final boolean UPDATE = Boolean.getBoolean("argocd.testdata.update");
  static final String FIXED_TIME = "2026-12-01T12:00:00Z";
  static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  static final List<String> VOLATILE_METADATA =
      List.of("uid", "resourceVersion", "creationTimestamp", "managedFields", "selfLink");
  static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;
  final Map<String, String> captured = new LinkedHashMap<>();

  @BeforeEach
  void start() {
    fake =
        new FakeKubeController(client)
            .withPodStarter(
                (pod, owner, controller) ->
                    pod.getMetadata().getName().startsWith("starting-")
                        ? PodOutcome.STARTING
                        : PodOutcome.READY)
            .start();
    operator =
        OperatorHarness.builder(client)
            .settings(
                OperatorSettings.defaults()
                    .withReleaseTick(Duration.ofMillis(200))
                    .withPvcRecheckInterval(Duration.ofMillis(500)))
            .start();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    fake.close();
  }

  @Test
  void testDataIsWhatTheOperatorWrites() throws IOException {
    // Ready
    capture("healthy_ready.yaml", createHealthy("ready"));

    // Degraded: the claim of a pvc:// URI does not exist
    createHealthy("pvc");
    edit(
        "pvc",
        m -> {
          m.getSpec().getModel().setUri("pvc://model-store/ctr/2026-11-20/model.onnx");
          m.getSpec().getModel().setVersion("2026-11-20");
        });
    capture(
        "degraded_pvcNotFound.yaml",
        awaitMd(
            client,
            "pvc",
            m ->
                observed(m)
                    && condition(m, Reasons.DEGRADED) != null
                    && Reasons.PVC_NOT_FOUND.equals(condition(m, Reasons.DEGRADED).getReason())));

    // Progressing: replicas not ready yet
    client.resource(ModelDeployments.sample(NS, "starting", 2)).create();
    capture(
        "progressing_replicasNotReady.yaml",
        awaitMd(
            client,
            "starting",
            m ->
                observed(m)
                    && m.getStatus().getStable() != null
                    // the settled not-ready state: both pods exist, neither is ready
                    && Integer.valueOf(2).equals(m.getStatus().getStable().getUpdatedReplicas())
                    && Integer.valueOf(2).equals(m.getStatus().getReplicas())
                    && condition(m, Reasons.READY) != null
                    && "ReplicasNotReady".equals(condition(m, Reasons.READY).getReason())));

    // Suspended: a canary with checks pauses (the pending analysis source is Inconclusive)
    createCanary("canary");
    edit(
        "canary",
        m -> {
          m.getSpec().getModel().setVersion("2026-11-20");
          m.getSpec().getModel().setUri("file:///models/ctr-ranker-2026-11-20.onnx");
        });
    capture(
        "suspended_analysisInconclusive.yaml",
        awaitMd(
            client,
            "canary",
            m -> observed(m) && releasePhase(m) == ReleasePhase.Paused && settled(m)));

    // Degraded: the abort annotation rolls the canary back
    edit("canary", m -> m.getMetadata().getAnnotations().put("modelops.io/abort", "now"));
    capture(
        "degraded_rolledBack.yaml",
        awaitMd(
            client,
            "canary",
            m ->
                observed(m)
                    && releasePhase(m) == ReleasePhase.RolledBack
                    && m.getStatus().getCanary() == null
                    && "3/3".equals(m.getStatus().getReady())
                    && settled(m)
                    && (m.getMetadata().getAnnotations() == null
                        || !m.getMetadata().getAnnotations().containsKey("modelops.io/abort"))));

    // Progressing: a spec change the operator has not observed yet (operator stopped)
    operator.close();
    operator = null;
    edit("ready", m -> m.getSpec().getRuntime().setReplicas(3));
    ModelDeployment behind = ApiTestSupport.md(client, "ready");
    assertTrue(
        behind.getStatus().getObservedGeneration() < behind.getMetadata().getGeneration(),
        "the mock API server bumps metadata.generation on a spec change");
    capture("progressing_generationBehind.yaml", behind);

    for (var file : captured.entrySet()) {
      Path path = TESTDATA.resolve(file.getKey());
      if (UPDATE) {
        Files.createDirectories(TESTDATA);
        Files.writeString(path, file.getValue());
      } else {
        assertEquals(
            Files.exists(path) ? Files.readString(path) : "<missing>",
            file.getValue(),
            path
                + " differs from what the operator writes; refresh with -Dargocd.testdata.update=true");
      }
    }
  }

  private void capture(String file, ModelDeployment md) throws IOException {
    JsonNode tree =
        YAML.valueToTree(client.getKubernetesSerialization().convertValue(md, Map.class));
    ObjectNode metadata = (ObjectNode) tree.get("metadata");
    VOLATILE_METADATA.forEach(metadata::remove);
    fixTimestamps(tree);
    captured.put(
        file,
        "# Captured from the operator by ArgoCdTestDataApiTest (do not edit by hand):\n"
            + "# ./mvnw -pl operator test -Dtest=ArgoCdTestDataApiTest -Dargocd.testdata.update=true\n"
            + YAML.writeValueAsString(tree));
  }

  private static void fixTimestamps(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        var field = it.next();
        if (field.getValue().isTextual()
            && TIMESTAMP.matcher(field.getValue().asText()).matches()) {
          field.setValue(TextNode.valueOf(FIXED_TIME));
        } else {
          fixTimestamps(field.getValue());
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(ArgoCdTestDataApiTest::fixTimestamps);
    }
  }

  private static boolean observed(ModelDeployment m) {
    return m.getStatus() != null
        && m.getMetadata().getGeneration().equals(m.getStatus().getObservedGeneration());
  }

  /** Every stable replica ready and updated: no scaling phase in flight. */
  private static boolean settled(ModelDeployment m) {
    var stable = m.getStatus().getStable();
    return stable != null
        && condition(m, Reasons.READY) != null
        && "True".equals(condition(m, Reasons.READY).getStatus())
        && stable.getReplicas().equals(stable.getReadyReplicas())
        && stable.getReplicas().equals(stable.getUpdatedReplicas());
  }

  private static ReleasePhase releasePhase(ModelDeployment m) {
    return m.getStatus().getRelease() == null ? null : m.getStatus().getRelease().getPhase();
  }

  private ModelDeployment createHealthy(String name) {
    client.resource(ModelDeployments.sample(NS, name, 2)).create();
    return awaitMd(client, name, m -> observed(m) && m.getStatus().getPhase() == Phase.Healthy);
  }

  private void createCanary(String name) {
    ModelDeployment md = ModelDeployments.sample(NS, name, 3);
    CanarySpec canary = ModelDeployments.canary(md, ModelDeployments.step(34, null));
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("1s");
    canary.setAnalysis(analysis);
    SloSpec slo = new SloSpec();
    slo.setErrorRatio("0.01");
    md.getSpec().setSlo(slo);
    client.resource(md).create();
    awaitMd(client, name, m -> observed(m) && m.getStatus().getPhase() == Phase.Healthy);
  }

  private void edit(String name, java.util.function.Consumer<ModelDeployment> change) {
    ApiTestSupport.edit(client, name, change);
  }
}
