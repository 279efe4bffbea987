package io.modelops.api.validation;

import static io.modelops.api.validation.YamlEdit.remove;
import static io.modelops.api.validation.YamlEdit.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of broken DrillRuns, each one edit away from {@link DrillFixtures#FULL_RUN}: every one is
 * refused, naming the offending field. Most are fault parameters that do not fit the fault type.
 */
class InvalidDrillRunTest {

  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.drillRun();

  @BeforeAll
  static void baseDocumentsAreValid() {
    assertEquals(List.of(), VALIDATOR.validate(DrillFixtures.fullRun()));
    assertEquals(List.of(), VALIDATOR.validate(DrillFixtures.minimalRun()));
  }

  static Stream<Arguments> invalid() {
    String probe = "{name: p, query: up, max: '1'}";
    return Stream.of(
        bad("no target", remove("spec.target"), "spec.target", "Required value"),
        bad("no fault", remove("spec.fault"), "spec.fault", "Required value"),
        bad("no duration", remove("spec.duration"), "spec.duration", "Required value"),
        bad("no spec", remove("spec"), "spec", "Required value"),
        bad(
            "ReplicaLoss without replicas",
            set("spec.fault", "{type: ReplicaLoss}"),
            "spec.fault.replicas",
            "required for a ReplicaLoss"),
        bad(
            "ReplicaLoss with a mode",
            set("spec.fault", "{type: ReplicaLoss, replicas: 1, mode: One}"),
            "spec.fault.mode",
            "does not apply to ReplicaLoss"),
        bad(
            "PodKill with replicas",
            set("spec.fault", "{type: PodKill, replicas: 2}"),
            "spec.fault.replicas",
            "applies only to ReplicaLoss"),
        bad(
            "RuntimeLatency without latency",
            set("spec.fault", "{type: RuntimeLatency}"),
            "spec.fault.latency",
            "required for a RuntimeLatency"),
        bad(
            "PodKill with latency",
            set("spec.fault", "{type: PodKill, latency: 1s}"),
            "spec.fault.latency",
            "applies only to RuntimeLatency"),
        bad(
            "RuntimeErrors without errorRatio",
            remove("spec.fault.errorRatio"),
            "spec.fault.errorRatio",
            "required for a RuntimeErrors"),
        bad(
            "RuntimeUnready with errorRatio",
            set("spec.fault.type", "RuntimeUnready"),
            "spec.fault.errorRatio",
            "applies only to RuntimeErrors"),
        bad(
            "errorRatio 1.5",
            set("spec.fault.errorRatio", "'1.5'"),
            "spec.fault.errorRatio",
            "at most 1"),
        bad(
            "errorRatio 0",
            set("spec.fault.errorRatio", "'0'"),
            "spec.fault.errorRatio",
            "above 0"),
        bad(
            "Fraction without fraction",
            set("spec.fault.mode", "Fraction"),
            "spec.fault.fraction",
            "required when mode is Fraction"),
        bad(
            "fraction with mode All",
            set("spec.fault.fraction", "'0.5'"),
            "spec.fault.fraction",
            "only when mode is Fraction"),
        bad(
            "fraction 0",
            set("spec.fault", "{type: PodKill, mode: Fraction, fraction: '0.0'}"),
            "spec.fault.fraction",
            "above 0"),
        bad(
            "latency of 2m",
            set("spec.fault", "{type: RuntimeLatency, latency: 2m}"),
            "spec.fault.latency",
            "at most 60s"),
        bad(
            "replicas 0",
            set("spec.fault", "{type: ReplicaLoss, replicas: 0}"),
            "spec.fault.replicas",
            "1"),
        bad(
            "ChaosMesh replica loss",
            set("spec.fault", "{type: ReplicaLoss, replicas: 1}")
                    .andThen(set("spec.engine", "ChaosMesh"))
                ::apply,
            "spec.engine",
            "ChaosMesh engine cannot do"),
        bad("unknown engine", set("spec.engine", "Litmus"), "spec.engine", "Litmus"),
        bad(
            "CpuStress on the Native engine",
            set("spec.fault", "{type: CpuStress}"),
            "spec.engine",
            "need engine ChaosMesh"),
        bad(
            "MemoryStress without size",
            set("spec.fault", "{type: MemoryStress}").andThen(set("spec.engine", "ChaosMesh"))
                ::apply,
            "spec.fault.size",
            "required for a MemoryStress"),
        bad(
            "load on MemoryStress",
            set("spec.fault", "{type: MemoryStress, size: 64MiB, load: 50}")
                    .andThen(set("spec.engine", "ChaosMesh"))
                ::apply,
            "spec.fault.load",
            "applies only to CpuStress"),
        bad(
            "workers on PodKill",
            set("spec.fault", "{type: PodKill, workers: 2}"),
            "spec.fault.workers",
            "applies only to CpuStress and MemoryStress"),
        bad(
            "size in Kubernetes units",
            set("spec.fault", "{type: MemoryStress, size: 256Mi}")
                    .andThen(set("spec.engine", "ChaosMesh"))
                ::apply,
            "spec.fault.size",
            "256Mi"),
        bad(
            "load of 101",
            set("spec.fault", "{type: CpuStress, load: 101}")
                    .andThen(set("spec.engine", "ChaosMesh"))
                ::apply,
            "spec.fault.load",
            "100"),
        bad(
            "drill of half a second",
            set("spec.duration", "500ms"),
            "spec.duration",
            "between 1s and 2h"),
        bad("duration with a space", set("spec.duration", "'5 m'"), "spec.duration", "5 m"),
        bad(
            "negative minReadyReplicas",
            set("spec.guards.minReadyReplicas", "-1"),
            "spec.guards.minReadyReplicas",
            "-1"),
        bad(
            "probe rate 0",
            set("spec.steadyState.traffic.ratePerSecond", "0"),
            "spec.steadyState.traffic.ratePerSecond",
            "1"),
        bad(
            "probe timeout of 1m",
            set("spec.steadyState.traffic.timeout", "1m"),
            "spec.steadyState.traffic.timeout",
            "at most 30s"),
        bad(
            "prometheus probes without an address",
            set("spec.steadyState.prometheus", "[" + probe + "]"),
            "spec.steadyState.prometheusAddress",
            "required when prometheus probes are set"),
        bad(
            "prometheus probe names twice",
            set("spec.steadyState.prometheusAddress", "http://prom:9090")
                    .andThen(set("spec.steadyState.prometheus", "[" + probe + "," + probe + "]"))
                ::apply,
            "spec.steadyState.prometheus",
            "unique"),
        bad(
            "a prometheus probe with neither max nor min",
            set("spec.steadyState.prometheusAddress", "http://prom:9090")
                    .andThen(set("spec.steadyState.prometheus", "[{name: p, query: up}]"))
                ::apply,
            "spec.steadyState.prometheus[0]",
            "needs max, min or both"),
        bad(
            "a prometheus probe min that is not a decimal",
            set("spec.steadyState.prometheusAddress", "http://prom:9090")
                    .andThen(
                        set("spec.steadyState.prometheus", "[{name: p, query: up, min: 'low'}]"))
                ::apply,
            "spec.steadyState.prometheus[0].min",
            "does not match"),
        bad(
            "nine prometheus probes",
            set("spec.steadyState.prometheusAddress", "http://prom:9090")
                    .andThen(
                        set(
                            "spec.steadyState.prometheus",
                            "[" + String.join(",", Collections.nCopies(9, probe)) + "]"))
                ::apply,
            "spec.steadyState.prometheus",
            "8"),
        bad(
            "abort errorRatio 2",
            set("spec.abort.errorRatio", "'2'"),
            "spec.abort.errorRatio",
            "at most 1"),
        bad(
            "abort p99 'fast'",
            set("spec.abort.p99Latency", "fast"),
            "spec.abort.p99Latency",
            "fast"),
        bad(
            "rto longer than the recovery timeout",
            set("spec.recovery.rto", "10m"),
            "spec.recovery.rto",
            "must not be longer than timeout"),
        bad("rto of 2h", set("spec.recovery.rto", "2h"), "spec.recovery.rto", "between 1s and 1h"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void isRefusedNamingTheField(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    List<Violation> violations = VALIDATOR.validate(edit.apply(DrillFixtures.fullRun()));
    assertTrue(
        violations.stream()
            .anyMatch(v -> v.field().equals(field) && v.toString().contains(expectedText)),
        () -> name + ": expected " + field + " / '" + expectedText + "', got " + violations);
  }

  @Test
  void specCannotChangeOnceCreated() {
    JsonNode old = DrillFixtures.fullRun();
    JsonNode changed = set("spec.duration", "10m").apply(old);
    List<Violation> violations = VALIDATOR.validateUpdate(old, changed);
    assertTrue(
        violations.stream().anyMatch(v -> v.message().contains("cannot change once created")),
        violations::toString);
    JsonNode labelled = set("metadata.labels", "{team: search}").apply(old);
    assertEquals(List.of(), VALIDATOR.validateUpdate(old, labelled));
  }

  @Test
  void stressFaultsWithChaosMeshAreAccepted() {
    for (String fault :
        List.of(
            "{type: CpuStress}",
            "{type: CpuStress, workers: 2, load: 50, mode: All}",
            "{type: MemoryStress, size: 256MiB}",
            "{type: MemoryStress, workers: 1, size: 50%}")) {
      JsonNode run =
          set("spec.fault", fault)
              .andThen(set("spec.engine", "ChaosMesh"))
              .apply(DrillFixtures.fullRun());
      assertEquals(List.of(), VALIDATOR.validate(run), fault);
    }
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
