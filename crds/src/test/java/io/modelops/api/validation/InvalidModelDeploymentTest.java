package io.modelops.api.validation;

import static io.modelops.api.validation.YamlEdit.remove;
import static io.modelops.api.validation.YamlEdit.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of broken ModelDeployments, each one edit away from a valid one: every one is refused,
 * and the refusal names the offending field and says what is wrong.
 */
class InvalidModelDeploymentTest {

  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.modelDeployment();

  @BeforeAll
  static void baseDocumentsAreValid() {
    assertEquals(List.of(), VALIDATOR.validate(ModelDeploymentFixtures.full()));
    assertEquals(List.of(), VALIDATOR.validate(ModelDeploymentFixtures.minimal()));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        // enums
        bad(
            "unknown strategy",
            set("spec.release.strategy", "BlueGreen"),
            "spec.release.strategy",
            "BlueGreen"),
        bad(
            "unknown accelerator",
            set("spec.runtime.accelerator.type", "AmdGpu"),
            "spec.runtime.accelerator.type",
            "AmdGpu"),
        bad(
            "unknown analysis metric",
            set("spec.release.canary.analysis.checks[0].metric", "P50"),
            "spec.release.canary.analysis.checks[0].metric",
            "P50"),
        // ranges and types
        bad(
            "negative replicas",
            set("spec.runtime.replicas", "-1"),
            "spec.runtime.replicas",
            "minimum"),
        bad(
            "too many replicas",
            set("spec.runtime.replicas", "1001"),
            "spec.runtime.replicas",
            "maximum"),
        bad(
            "replicas as text",
            set("spec.runtime.replicas", "four"),
            "spec.runtime.replicas",
            "integer"),
        bad(
            "uppercase runtimeClassName",
            set("spec.runtime.accelerator.runtimeClassName", "Nvidia"),
            "spec.runtime.accelerator.runtimeClassName",
            "pattern"),
        bad(
            "runtimeClassName over 253 characters",
            set("spec.runtime.accelerator.runtimeClassName", "a".repeat(254)),
            "spec.runtime.accelerator.runtimeClassName",
            "253"),
        bad(
            "zero GPUs",
            set("spec.runtime.accelerator.count", "0"),
            "spec.runtime.accelerator.count",
            "minimum"),
        bad(
            "weight 120",
            set("spec.release.canary.steps[1].weight", "120"),
            "spec.release.canary.steps[1].weight",
            "maximum"),
        bad(
            "negative failureLimit",
            set("spec.release.canary.analysis.failureLimit", "-1"),
            "spec.release.canary.analysis.failureLimit",
            "minimum"),
        bad(
            "no canary steps",
            set("spec.release.canary.steps", "[]"),
            "spec.release.canary.steps",
            "at least 1"),
        // patterns
        bad(
            "uppercase sha256",
            set(
                "spec.model.sha256",
                "3F9A1C0D5E7B2A4F6C8E0D1B3A5C7E9F2D4B6A8C0E1F3A5B7C9D0E2F4A6B8C0D"),
            "spec.model.sha256",
            "pattern"),
        bad("short sha256", set("spec.model.sha256", "3f9a1c0d"), "spec.model.sha256", "3f9a1c0d"),
        bad(
            "duration without unit",
            set("spec.runtime.batching.maxQueueDelay", "'2'"),
            "spec.runtime.batching.maxQueueDelay",
            "pattern"),
        bad(
            "duration in words",
            set("spec.release.canary.steps[0].pause", "5 minutes"),
            "spec.release.canary.steps[0].pause",
            "pattern"),
        bad(
            "bad uri scheme",
            set("spec.model.uri", "s3://bucket/model.onnx"),
            "spec.model.uri",
            "s3://"),
        bad(
            "pvc uri without path",
            set("spec.model.uri", "pvc://model-store"),
            "spec.model.uri",
            "pattern"),
        bad(
            "model name with capitals",
            set("spec.model.name", "CTR_Ranker"),
            "spec.model.name",
            "pattern"),
        bad(
            "slo latency not a duration",
            set("spec.slo.latencyP99", "fast"),
            "spec.slo.latencyP99",
            "pattern"),
        // required fields and structure
        bad("missing model uri", remove("spec.model.uri"), "spec.model.uri", "Required value"),
        bad(
            "missing model version",
            remove("spec.model.version"),
            "spec.model.version",
            "Required value"),
        bad("missing spec", remove("spec"), "spec", "Required value"),
        bad(
            "missing step weight",
            remove("spec.release.canary.steps[0].weight"),
            "spec.release.canary.steps[0].weight",
            "Required value"),
        bad(
            "typo in a field name",
            set("spec.runtime.replica", "3"),
            "spec.runtime.replica",
            "Unknown field"),
        bad(
            "wrong apiVersion",
            set("apiVersion", "modelops.io/v1"),
            "apiVersion",
            "modelops.io/v1"),
        // CEL rules
        bad(
            "weights descending",
            set("spec.release.canary.steps", "[{weight: 50}, {weight: 25}]"),
            "spec.release.canary.steps",
            "strictly ascending"),
        bad(
            "weights repeated",
            set("spec.release.canary.steps", "[{weight: 25}, {weight: 25}]"),
            "spec.release.canary.steps",
            "strictly ascending"),
        bad(
            "minReplicas > maxReplicas",
            set("spec.runtime.autoscaling.minReplicas", "30"),
            "spec.runtime.autoscaling.minReplicas",
            "less than or equal to maxReplicas"),
        bad(
            "https model without sha256",
            remove("spec.model.sha256"),
            "spec.model.sha256",
            "Required value: sha256 is required"),
        // spec.model.signature
        bad(
            "signature without public keys",
            set("spec.model.signature", "{policy: Required}"),
            "spec.model.signature.publicKeys",
            "Required value: publicKeys is required unless policy is Disabled"),
        bad(
            "signature keys from both a Secret and a ConfigMap",
            set(
                "spec.model.signature",
                "{publicKeys: {secretRef: {name: a}, configMapRef: {name: b}}}"),
            "spec.model.signature.publicKeys",
            "exactly one of secretRef or configMapRef"),
        bad(
            "signature keys from nowhere",
            set("spec.model.signature", "{publicKeys: {}}"),
            "spec.model.signature.publicKeys",
            "exactly one of secretRef or configMapRef"),
        bad(
            "signature both at a uri and inline",
            set(
                "spec.model.signature",
                "{uri: 'https://h/m.sig', inline: 'MEUCIQ==', publicKeys: {secretRef: {name: k}}}"),
            "spec.model.signature.inline",
            "at most one of uri or inline"),
        bad(
            "unknown signature policy",
            set("spec.model.signature", "{policy: Always, publicKeys: {secretRef: {name: k}}}"),
            "spec.model.signature.policy",
            "Always"),
        bad(
            "inline signature that is not base64",
            set(
                "spec.model.signature",
                "{inline: 'not base64!', publicKeys: {secretRef: {name: k}}}"),
            "spec.model.signature.inline",
            "not base64!"),
        bad(
            "inline signature with a truncated last group",
            set(
                "spec.model.signature",
                "{inline: 'MEUCIQDx+/abc=', publicKeys: {secretRef: {name: k}}}"),
            "spec.model.signature.inline",
            "MEUCIQDx+/abc="),
        bad(
            "signature on another claim",
            set("spec.model.uri", "pvc://store/ctr/model.onnx")
                    .andThen(
                        set(
                            "spec.model.signature",
                            "{uri: 'pvc://other/ctr/model.onnx.sig',"
                                + " publicKeys: {secretRef: {name: k}}}"))
                ::apply,
            "spec.model.signature.uri",
            "on the claim of the model's pvc:// uri"),
        bad(
            "default signature location after a query",
            set("spec.model.uri", "https://h/m.onnx?token=x")
                    .andThen(set("spec.model.signature", "{publicKeys: {secretRef: {name: k}}}"))
                ::apply,
            "spec.model.signature",
            "set signature.uri or signature.inline"),
        bad(
            "pvc path escaping the mount",
            set("spec.model.uri", "pvc://store/ctr/../../etc/passwd"),
            "spec.model.uri",
            "'..'"),
        bad(
            "Canary without canary settings",
            remove("spec.release.canary"),
            "spec.release.canary",
            "canary is required when strategy is Canary"),
        bad(
            "GatewayAPI without an HTTPRoute",
            remove("spec.release.canary.gatewayAPI"),
            "spec.release.canary.gatewayAPI",
            "required when trafficRouting is GatewayAPI"),
        bad(
            "greyRelease with replica routing",
            set("spec.release.canary.trafficRouting", "Replicas")
                    .andThen(remove("spec.release.canary.gatewayAPI"))
                ::apply,
            "spec.release.canary.greyRelease",
            "needs trafficRouting GatewayAPI"),
        bad(
            "Prometheus source without address",
            set("spec.release.canary.analysis.source", "{type: Prometheus}"),
            "spec.release.canary.analysis.source.address",
            "address is required"),
        bad(
            "analysis every 500ms",
            set("spec.release.canary.analysis.interval", "500ms"),
            "spec.release.canary.analysis.interval",
            "between 1s and 1h"),
        bad(
            "pause shorter than the analysis interval",
            set("spec.release.canary.steps[0].pause", "10s"),
            "spec.release.canary.steps",
            "at least analysis.interval"),
        bad(
            "ErrorRatio check above 1",
            set("spec.release.canary.analysis.checks[1].max", "'1.5'"),
            "spec.release.canary.analysis.checks[1].max",
            "between 0 and 1"),
        bad(
            "check without max or relativeTo",
            remove("spec.release.canary.analysis.checks[0].max"),
            "spec.release.canary.analysis.checks[0].max",
            "max is required unless relativeTo is set"),
        bad(
            "relativeTo without maxIncrease",
            set("spec.release.canary.analysis.checks[0].relativeTo", "Stable"),
            "spec.release.canary.analysis.checks[0].maxIncrease",
            "set together"),
        bad(
            "maxIncrease without relativeTo",
            set("spec.release.canary.analysis.checks[0].maxIncrease", "'20%'"),
            "spec.release.canary.analysis.checks[0].maxIncrease",
            "set together"),
        bad(
            "maxIncrease in words",
            set("spec.release.canary.analysis.checks[0].relativeTo", "Stable")
                    .andThen(set("spec.release.canary.analysis.checks[0].maxIncrease", "'20 pct'"))
                ::apply,
            "spec.release.canary.analysis.checks[0].maxIncrease",
            "pattern"),
        bad(
            "unknown relativeTo",
            set("spec.release.canary.analysis.checks[0].relativeTo", "Previous")
                    .andThen(set("spec.release.canary.analysis.checks[0].maxIncrease", "'20%'"))
                ::apply,
            "spec.release.canary.analysis.checks[0].relativeTo",
            "Previous"),
        bad(
            "ScoreDriftPSI relative to stable",
            set("spec.release.canary.analysis.checks[2].relativeTo", "Stable")
                    .andThen(set("spec.release.canary.analysis.checks[2].maxIncrease", "'10%'"))
                ::apply,
            "spec.release.canary.analysis.checks[2].relativeTo",
            "takes max only"),
        bad(
            "RequestRate with a max",
            set("spec.release.canary.analysis.checks[0].metric", "RequestRate"),
            "spec.release.canary.analysis.checks[0].metric",
            "RequestRate is a lower bound"),
        bad(
            "min on a latency check",
            set("spec.release.canary.analysis.checks[0].min", "'1'"),
            "spec.release.canary.analysis.checks[0].metric",
            "for RequestRate only"),
        bad(
            "RequestRate without min or relativeTo",
            set("spec.release.canary.analysis.checks", "[{metric: RequestRate}]"),
            "spec.release.canary.analysis.checks[0].min",
            "min is required unless relativeTo is set"),
        bad(
            "RequestRate relative without maxDecrease",
            set(
                "spec.release.canary.analysis.checks",
                "[{metric: RequestRate, relativeTo: Stable}]"),
            "spec.release.canary.analysis.checks[0].maxDecrease",
            "relativeTo and maxDecrease are set together"),
        bad(
            "RequestRate with maxIncrease",
            set(
                "spec.release.canary.analysis.checks",
                "[{metric: RequestRate, relativeTo: Stable, maxIncrease: '10%', maxDecrease: '10%'}]"),
            "spec.release.canary.analysis.checks[0].metric",
            "RequestRate is a lower bound"),
        bad(
            "metric checked twice",
            set("spec.release.canary.analysis.checks[2].metric", "ErrorRatio"),
            "spec.release.canary.analysis.checks",
            "at most once"),
        bad(
            "batching delay of 5s",
            set("spec.runtime.batching.maxQueueDelay", "5s"),
            "spec.runtime.batching.maxQueueDelay",
            "at most 1s"),
        bad(
            "slo errorRatio 2",
            set("spec.slo.errorRatio", "'2'"),
            "spec.slo.errorRatio",
            "between 0 and 1"),
        bad(
            "slo availability 100.5",
            set("spec.slo.availability", "'100.5'"),
            "spec.slo.availability",
            "between 0 and 100"),
        bad(
            "grey cohort header twice",
            set(
                "spec.release.canary.greyRelease.headers",
                "[{name: X-Cohort, value: a}, {name: x-cohort, value: b}]"),
            "spec.release.canary.greyRelease.headers",
            "unique"),
        bad(
            "long metadata.name and no model name",
            set("metadata.name", "'" + "a".repeat(64) + "'").andThen(remove("spec.model.name"))
                ::apply,
            "spec.model.name",
            "longer than 63"),
        bad(
            "env enabling the admin API",
            set("spec.runtime.podTemplate.env[0]", "{name: RUNTIME_ADMIN_ENABLED, value: 'true'}"),
            "spec.runtime.podTemplate.env",
            "Forbidden: env must not set"),
        bad(
            "env overriding the model uri",
            set("spec.runtime.podTemplate.env[0]", "{name: MODEL_URI, value: 'file:///x.onnx'}"),
            "spec.runtime.podTemplate.env",
            "Forbidden: env must not set"),
        // metadata
        bad(
            "metadata.name with capitals",
            set("metadata.name", "CtrRanker"),
            "metadata.name",
            "RFC 1123"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void isRefusedNamingTheField(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    List<Violation> violations = VALIDATOR.validate(edit.apply(ModelDeploymentFixtures.full()));
    assertTrue(
        violations.stream()
            .anyMatch(v -> v.field().equals(field) && v.toString().contains(expectedText)),
        () ->
            name
                + ": expected a violation of "
                + field
                + " mentioning '"
                + expectedText
                + "', got "
                + violations);
  }

  @Test
  void tableHasAtLeastTwentyCases() {
    assertTrue(invalid().count() >= 20);
  }

  private static Arguments bad(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    return Arguments.of(name, edit, field, expectedText);
  }
}
