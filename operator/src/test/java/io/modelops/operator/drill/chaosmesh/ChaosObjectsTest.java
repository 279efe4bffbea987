package io.modelops.operator.drill.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalogue mapping and the object builder: spec + recorded fault → the exact object. */
class ChaosObjectsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static DrillRunSpec spec(FaultType type) {
    DrillFault fault = new DrillFault();
    fault.setType(type);
    DrillRunSpec spec = new DrillRunSpec();
    spec.setFault(fault);
    spec.setDuration("5m");
    return spec;
  }

  static InjectedFault recorded(FaultType type, String run, String... pods) {
    InjectedFault fault = new InjectedFault();
    fault.setType(type);
    fault.setTargets(List.of(pods));
    fault.setObject(ChaosObjects.reference(type, run));
    return fault;
  }

  /** The object as the API server receives it (JSON), read back as a tree. */
  private static JsonNode built(DrillRunSpec spec, InjectedFault fault) {
    try {
      return YAML.readTree(JSON.asJson(ChaosObjects.build("search", spec, fault, 30)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  private static final String META =
      """
      metadata:
        name: drill-1
        namespace: search
        labels: {app.kubernetes.io/managed-by: modelops-operator, modelops.io/drill-run: drill-1}
      """;

  @ParameterizedTest
  @CsvSource({
    "PodKill, PodChaos",
    "RuntimeUnready, PodChaos",
    "NetworkPartition, NetworkChaos",
    "RuntimeLatency, HTTPChaos",
    "RuntimeErrors, HTTPChaos",
    "CpuStress, StressChaos",
    "MemoryStress, StressChaos"
  })
  void catalogueMapsEachFaultToItsKind(FaultType type, String kind) {
    assertEquals(Optional.of(kind), ChaosObjects.kind(type));
  }

  @Test
  void replicaLossAndNodeDrainAreNotChaosMeshFaults() {
    assertEquals(Optional.empty(), ChaosObjects.kind(FaultType.ReplicaLoss));
    assertEquals(Optional.empty(), ChaosObjects.kind(FaultType.NodeDrain));
    String catalogue = ChaosObjects.catalogue();
    assertTrue(
        catalogue.contains("not ReplicaLoss (Chaos Mesh has no replica-count fault"), catalogue);
    assertTrue(catalogue.contains("NodeDrain (Chaos Mesh does not drain nodes)"), catalogue);
    assertTrue(catalogue.startsWith("PodKill (PodChaos), "), catalogue);
    assertThrows(
        IllegalArgumentException.class,
        () -> ChaosObjects.reference(FaultType.ReplicaLoss, "drill-1"));
  }

  @Test
  void podKillIsAPodChaosOfTheRecordedPodsWithTheirGracePeriod() throws Exception {
    assertEquals(
        yaml(
            """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            %s
            spec:
              action: pod-kill
              gracePeriod: 30
              mode: all
              selector: {pods: {search: [ctr-stable-a, ctr-stable-b]}}
              duration: 5m
            """
                .formatted(META)),
        built(
            spec(FaultType.PodKill),
            recorded(FaultType.PodKill, "drill-1", "ctr-stable-a", "ctr-stable-b")));
  }

  @Test
  void runtimeUnreadyIsPodFailure() throws Exception {
    JsonNode object =
        built(spec(FaultType.RuntimeUnready), recorded(FaultType.RuntimeUnready, "drill-1", "p"));
    assertEquals("pod-failure", object.at("/spec/action").asText());
    assertTrue(object.at("/spec/gracePeriod").isMissingNode());
    assertEquals("5m", object.at("/spec/duration").asText());
  }

  @Test
  void networkPartitionDropsEverythingThePodsSend() throws Exception {
    assertEquals(
        yaml(
            """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: NetworkChaos
            %s
            spec:
              action: partition
              direction: to
              mode: all
              selector: {pods: {search: [p]}}
              duration: 5m
            """
                .formatted(META)),
        built(
            spec(FaultType.NetworkPartition),
            recorded(FaultType.NetworkPartition, "drill-1", "p")));
  }

  @Test
  void runtimeLatencyDelaysInferenceRequestsOnTheRuntimePort() throws Exception {
    DrillRunSpec spec = spec(FaultType.RuntimeLatency);
    spec.getFault().setLatency("250ms");
    assertEquals(
        yaml(
            """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: HTTPChaos
            %s
            spec:
              target: Request
              port: 8080
              path: /v2/models/*/infer
              method: POST
              delay: 250ms
              mode: all
              selector: {pods: {search: [p]}}
              duration: 5m
            """
                .formatted(META)),
        built(spec, recorded(FaultType.RuntimeLatency, "drill-1", "p")));
  }

  @Test
  void runtimeErrorsAbortsInferenceRequests() throws Exception {
    DrillRunSpec spec = spec(FaultType.RuntimeErrors);
    spec.getFault().setErrorRatio("0.5");
    JsonNode object = built(spec, recorded(FaultType.RuntimeErrors, "drill-1", "p"));
    assertEquals("HTTPChaos", object.at("/kind").asText());
    assertTrue(object.at("/spec/abort").asBoolean());
    assertTrue(object.at("/spec/delay").isMissingNode());
    assertEquals("/v2/models/*/infer", object.at("/spec/path").asText());
    assertEquals("all", object.at("/spec/mode").asText(), "the share is in the recorded pods");
  }

  @ParameterizedTest
  @CsvSource({"0.5, 4, 2", "0.5, 3, 2", "0.01, 5, 1", "1, 3, 3", "0.3, 0, 0"})
  void errorRatioBecomesTheShareOfPodsRoundedUp(String ratio, int selected, int pods) {
    assertEquals(pods, ChaosObjects.errorPods(ratio, selected));
  }

  @Test
  void stressFaultsAreStressChaosWithDefaults() throws Exception {
    JsonNode cpu = built(spec(FaultType.CpuStress), recorded(FaultType.CpuStress, "drill-1", "p"));
    assertEquals(yaml("{cpu: {workers: 1, load: 100}}"), cpu.at("/spec/stressors"));
    DrillRunSpec memory = spec(FaultType.MemoryStress);
    memory.getFault().setWorkers(2);
    memory.getFault().setSize("256MiB");
    assertEquals(
        yaml("{memory: {workers: 2, size: 256MiB}}"),
        built(memory, recorded(FaultType.MemoryStress, "drill-1", "p")).at("/spec/stressors"));
  }

  @Test
  void noTargetsIsRefusedRatherThanSelectingEverything() {
    InjectedFault none = recorded(FaultType.PodKill, "drill-1");
    assertThrows(
        IllegalArgumentException.class,
        () -> ChaosObjects.build("search", spec(FaultType.PodKill), none, 30));
  }

  @Test
  void aRecordedObjectOfTheWrongKindIsRefused() {
    InjectedFault fault = recorded(FaultType.PodKill, "drill-1", "p");
    fault.setObject("NetworkChaos/drill-1");
    assertThrows(
        IllegalArgumentException.class,
        () -> ChaosObjects.build("search", spec(FaultType.PodKill), fault, 30));
  }

  @Test
  void longRunNamesStillMakeAValidLabel() {
    String name = "a".repeat(70);
    String label = ChaosObjects.labelValue(name);
    assertTrue(label.length() <= 63, label);
    assertTrue(label.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), label);
    assertTrue(!label.equals(ChaosObjects.labelValue("a".repeat(71))), "distinct names differ");
    assertEquals("short", ChaosObjects.labelValue("short"));
  }

  @Test
  void referencesParseBackToTheirTypedClass() {
    var ref = ChaosObjects.Ref.parse("HTTPChaos/drill-1");
    assertEquals(HTTPChaos.class, ref.type());
    assertEquals("drill-1", ref.name());
    assertThrows(IllegalArgumentException.class, () -> ChaosObjects.Ref.parse("drill-1"));
    assertThrows(IllegalArgumentException.class, () -> ChaosObjects.Ref.parse("IOChaos/x").type());
  }
}
