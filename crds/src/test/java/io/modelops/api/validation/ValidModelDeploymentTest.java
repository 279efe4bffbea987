package io.modelops.api.validation;

import static io.modelops.api.validation.YamlEdit.remove;
import static io.modelops.api.validation.YamlEdit.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.ModelSpec;
import io.modelops.api.v1alpha1.RuntimeSpec;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boundary values and optional shapes the CRD must accept, so the validator is known to refuse only
 * what is wrong; plus update (transition) rules and typed objects.
 */
class ValidModelDeploymentTest {

  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.modelDeployment();

  static Stream<Arguments> valid() {
    return Stream.of(
        ok(
            "weights at 0 and 100",
            set("spec.release.canary.steps", "[{weight: 0}, {weight: 100}]")),
        ok("a runtimeClassName", set("spec.runtime.accelerator.runtimeClassName", "nvidia")),
        ok(
            "a dotted runtimeClassName of 253 characters",
            set(
                "spec.runtime.accelerator.runtimeClassName",
                "nvidia."
                    + "a".repeat(63)
                    + "."
                    + "b".repeat(63)
                    + "."
                    + "c".repeat(63)
                    + "."
                    + "d".repeat(54))),
        ok("a single step", set("spec.release.canary.steps", "[{weight: 100, pause: 30s}]")),
        ok(
            "relative checks without max",
            set(
                "spec.release.canary.analysis.checks",
                "[{metric: P99LatencyMs, relativeTo: Stable, maxIncrease: '20%'},"
                    + " {metric: ErrorRatio, relativeTo: Stable, maxIncrease: '0.005'}]")),
        ok(
            "a relative check with an absolute max too",
            set(
                "spec.release.canary.analysis.checks",
                "[{metric: P99LatencyMs, max: '200', relativeTo: Stable, maxIncrease: '10.5'}]")),
        ok(
            "request-rate checks: a min, a decrease relative to stable, both",
            set(
                "spec.release.canary.analysis.checks",
                "[{metric: RequestRate, min: '0.5', relativeTo: Stable, maxDecrease: '50%'},"
                    + " {metric: P50LatencyMs, max: '20'}]")),
        ok(
            "a request-rate check relative to stable only",
            set(
                "spec.release.canary.analysis.checks",
                "[{metric: RequestRate, relativeTo: Stable, maxDecrease: '2'}]")),
        ok("zero replicas", set("spec.runtime.replicas", "0")),
        ok("1000 replicas", set("spec.runtime.replicas", "1000")),
        ok(
            "minReplicas equal to maxReplicas",
            set("spec.runtime.autoscaling", "{minReplicas: 5, maxReplicas: 5}")),
        ok("no minReplicas", remove("spec.runtime.autoscaling.minReplicas")),
        ok("batching delay of exactly 1s", set("spec.runtime.batching.maxQueueDelay", "1s")),
        ok("batching delay in microseconds", set("spec.runtime.batching.maxQueueDelay", "500us")),
        ok(
            "interval 1s and a 1s pause",
            set("spec.release.canary.analysis.interval", "1s")
                    .andThen(set("spec.release.canary.steps", "[{weight: 10, pause: 1s}]"))
                ::apply),
        ok(
            "compound durations",
            set("spec.release.canary.steps[2].pause", "1h30m")
                    .andThen(set("spec.release.progressDeadline", "1.5h"))
                ::apply),
        ok(
            "pause equal to the default interval",
            remove("spec.release.canary.analysis.interval")
                    .andThen(set("spec.release.canary.steps[0].pause", "30s"))
                ::apply),
        ok(
            "errorRatio 1 and availability 100",
            set("spec.slo.errorRatio", "'1'").andThen(set("spec.slo.availability", "'100'"))
                ::apply),
        ok(
            "ErrorRatio check at exactly 1",
            set("spec.release.canary.analysis.checks[1].max", "'1'")),
        ok("sha256 of zeros", set("spec.model.sha256", "'" + "0".repeat(64) + "'")),
        ok("pvc uri", set("spec.model.uri", "pvc://model-store/ctr/2026-11-20/model.onnx")),
        ok("plain http uri with sha256", set("spec.model.uri", "http://10.0.0.7:8000/model.onnx")),
        ok(
            "file uri without sha256",
            set("spec.model.uri", "file:///models/m.onnx").andThen(remove("spec.model.sha256"))
                ::apply),
        ok(
            "Prometheus source with address",
            set(
                "spec.release.canary.analysis.source",
                "{type: Prometheus, address: 'http://prometheus.monitoring:9090'}")),
        ok(
            "RollingUpdate with no canary",
            set("spec.release.strategy", "RollingUpdate").andThen(remove("spec.release.canary"))
                ::apply),
        ok(
            "63-character name without model name",
            set("metadata.name", "'" + "a".repeat(63) + "'").andThen(remove("spec.model.name"))
                ::apply),
        ok("long name with a model name", set("metadata.name", "'" + "a".repeat(200) + "'")),
        ok(
            "int-or-string quantities",
            set(
                "spec.runtime.resources",
                "{requests: {cpu: 1, memory: 1073741824}, limits: {cpu: '1.5', nvidia.com/gpu: 1}}")),
        ok(
            "pod template pass-through",
            set(
                "spec.runtime.podTemplate.affinity",
                "{nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms:"
                    + " [{matchExpressions: [{key: zone, operator: In, values: [a, b]}]}]}}}")),
        ok(
            "signature with the defaults (Required, uri + .sig)",
            set("spec.model.signature", "{publicKeys: {secretRef: {name: model-signing-keys}}}")),
        ok(
            "signature from a ConfigMap key, IfPresent, explicit uri",
            set(
                "spec.model.signature",
                "{policy: IfPresent, uri: 'https://sigs.example/ctr.sig',"
                    + " publicKeys: {configMapRef: {name: keys, key: cosign.pub}}}")),
        ok(
            "inline signature",
            set(
                "spec.model.signature",
                "{inline: 'MEUCIQDx+/abcd==', publicKeys: {secretRef: {name: k}}}")),
        ok("signature Disabled without keys", set("spec.model.signature", "{policy: Disabled}")),
        ok(
            "pvc signature on the model's claim",
            set("spec.model.uri", "pvc://store/ctr/model.onnx")
                    .andThen(
                        set(
                            "spec.model.signature",
                            "{uri: 'pvc://store/sigs/model.onnx.sig',"
                                + " publicKeys: {secretRef: {name: k}}}"))
                ::apply),
        ok(
            "query in the model uri with an explicit signature uri",
            set("spec.model.uri", "https://h/m.onnx?token=x")
                    .andThen(
                        set(
                            "spec.model.signature",
                            "{uri: 'https://h/m.onnx.sig?token=x',"
                                + " publicKeys: {secretRef: {name: k}}}"))
                ::apply),
        ok("status is ignored on create", set("status", "{phase: Nonsense, whatever: 1}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void isAccepted(String name, UnaryOperator<JsonNode> edit) {
    assertEquals(List.of(), VALIDATOR.validate(edit.apply(ModelDeploymentFixtures.full())), name);
  }

  @Test
  void minimalDeploymentIsAccepted() {
    assertEquals(List.of(), VALIDATOR.validate(ModelDeploymentFixtures.MINIMAL));
  }

  @Test
  void everyCelRuleOfTheCrdIsCompiled() {
    assertTrue(VALIDATOR.ruleCount() >= 15, "rules compiled: " + VALIDATOR.ruleCount());
  }

  @Test
  void modelNameIsImmutableOnUpdate() {
    JsonNode old = ModelDeploymentFixtures.full();
    JsonNode renamed = set("spec.model.name", "other-ranker").apply(old);
    assertEquals(List.of(), VALIDATOR.validate(renamed), "a create has no old name");
    List<Violation> violations = VALIDATOR.validateUpdate(old, renamed);
    assertEquals(1, violations.size(), violations::toString);
    assertEquals("spec.model.name", violations.get(0).field());
    assertTrue(violations.get(0).message().contains("immutable"));
  }

  @Test
  void otherUpdatesPassTransitionRules() {
    JsonNode old = ModelDeploymentFixtures.full();
    JsonNode newVersion =
        set("spec.model.version", "'2026-11-27'")
            .andThen(set("spec.runtime.replicas", "6"))
            .apply(old);
    assertEquals(List.of(), VALIDATOR.validateUpdate(old, newVersion));
    JsonNode named = ModelDeploymentFixtures.minimal();
    JsonNode nowNamed = set("spec.model.name", "tiny").apply(named);
    assertEquals(List.of(), VALIDATOR.validateUpdate(named, nowNamed), "unset -> set is allowed");
  }

  @Test
  void validatesTypedObjects() {
    ModelDeployment md = new ModelDeployment();
    md.getMetadata().setName("typed");
    ModelSpec model = new ModelSpec();
    model.setVersion("1");
    model.setUri("file:///models/typed.onnx");
    RuntimeSpec runtime = new RuntimeSpec();
    runtime.setReplicas(2);
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setRuntime(runtime);
    md.setSpec(spec);
    assertEquals(List.of(), VALIDATOR.validate(md));
    runtime.setReplicas(-3);
    assertEquals(
        List.of("spec.runtime.replicas"),
        VALIDATOR.validate(md).stream().map(Violation::field).toList());
  }

  @Test
  void celRulesWaitForBlockingSchemaErrors() {
    JsonNode doc =
        remove("spec.release.canary.steps[0].weight").apply(ModelDeploymentFixtures.full());
    List<Violation> violations = VALIDATOR.validate(doc);
    assertEquals(2, violations.size(), violations::toString);
    assertTrue(violations.get(0).message().contains("some validation rules were not checked"));
    assertEquals("spec.release.canary.steps[0].weight", violations.get(1).field());
  }

  private static Arguments ok(String name, UnaryOperator<JsonNode> edit) {
    return Arguments.of(name, edit);
  }
}
