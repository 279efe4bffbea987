package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillTarget;
import io.modelops.api.v1alpha1.FaultInjectionSpec;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.drills.run.TargetState;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure parts of the runtime faults, NetworkPartition and NodeDrain: no server. */
class NativeFaultPartsTest {

  static Pod pod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .build();
  }

  static Node node(String name, Boolean unschedulable) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withUnschedulable(unschedulable)
        .endSpec()
        .build();
  }

  static DrillFault fault(FaultType type) {
    DrillFault f = new DrillFault();
    f.setType(type);
    return f;
  }

  @Test
  void partitionPolicyDeniesAllTrafficOfTheLabelledPods() {
    var policy = NetworkPartitions.policy("search", NetworkPartitions.value("nightly-29628780"));
    assertEquals("drill-partition-nightly-29628780", policy.getMetadata().getName());
    assertEquals("search", policy.getMetadata().getNamespace());
    assertEquals(
        Map.of(NetworkPartitions.LABEL, "nightly-29628780"),
        policy.getSpec().getPodSelector().getMatchLabels());
    assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
    assertTrue(policy.getSpec().getIngress() == null || policy.getSpec().getIngress().isEmpty());
    assertTrue(policy.getSpec().getEgress() == null || policy.getSpec().getEgress().isEmpty());
    assertEquals("nightly-29628780", NetworkPartitions.valueOf(policy.getMetadata().getName()));
  }

  @Test
  void aLongRunNameStillMakesALabelValue() {
    String value = NetworkPartitions.value("r".repeat(200));
    assertTrue(value.length() <= 63, value);
    assertEquals(value, NetworkPartitions.valueOf(NetworkPartitions.policyName(value)));
  }

  @Test
  void drainTakesTheNodesOfTheSelectedPodsOnceAndCordonsOnlyTheSchedulableOnes() {
    List<Pod> pods =
        List.of(pod("a", "n1"), pod("b", "n2"), pod("c", "n1"), pod("d", null), pod("e", "n3"));
    List<String> nodes = NodeDrains.nodes(pods, List.of("a", "b", "c", "d"));
    assertEquals(List.of("n1", "n2"), nodes);
    assertEquals(
        List.of("n2"),
        NodeDrains.toCordon(nodes, Map.of("n1", node("n1", true), "n2", node("n2", null))),
        "n1 was cordoned before the drill: not ours to uncordon");
    assertEquals(
        List.of("n1"),
        NodeDrains.toCordon(List.of("n1", "gone"), Map.of("n1", node("n1", false))),
        "a node that does not exist is not cordoned");
  }

  @Test
  void runtimeFaultBodiesCarryTheDrillDurationAsExpiry() {
    DrillFault latency = fault(FaultType.RuntimeLatency);
    latency.setLatency("250ms");
    assertEquals(
        "{\"type\":\"latency\",\"duration\":\"90000ms\",\"latency\":\"250ms\"}",
        RuntimeFaultClient.body(latency, Duration.ofSeconds(90)));
    DrillFault errors = fault(FaultType.RuntimeErrors);
    errors.setErrorRatio("0.5");
    assertEquals(
        "{\"type\":\"errorRatio\",\"duration\":\"2ms\",\"ratio\":\"0.5\"}",
        RuntimeFaultClient.body(errors, Duration.ofNanos(1_000_001)),
        "rounded up to whole milliseconds");
    assertEquals(
        "{\"type\":\"unready\",\"duration\":\"1000ms\"}",
        RuntimeFaultClient.body(fault(FaultType.RuntimeUnready), Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class, () -> RuntimeFaultClient.apiName(FaultType.PodKill));
  }

  @Test
  void runtimeFaultsAreRefusedWithoutTheOptIn() {
    NativeEngine engine = new NativeEngine(null, new Random(1));
    ModelDeployment md = ModelDeployments.sample("search", "ctr", 2);
    Target target = new Target(md, TargetState.MISSING, List.of(), List.of());
    DrillRunSpec spec = new DrillRunSpec();
    spec.setTarget(new DrillTarget());
    for (FaultType type : NativeEngine.RUNTIME_FAULTS) {
      spec.setFault(fault(type));
      assertTrue(engine.supports(spec));
      assertTrue(
          engine.refusal(spec, target).orElseThrow().contains("spec.runtime.faultInjection"),
          type.name());
    }
    spec.setFault(fault(FaultType.NetworkPartition));
    assertTrue(engine.refusal(spec, target).isEmpty(), "not a runtime fault");
    FaultInjectionSpec on = new FaultInjectionSpec();
    on.setEnabled(true);
    md.getSpec().getRuntime().setFaultInjection(on);
    spec.setFault(fault(FaultType.RuntimeUnready));
    assertTrue(engine.refusal(spec, target).isEmpty(), "opted in");
    assertTrue(
        engine.refusal(spec, new Target(null, TargetState.MISSING, List.of(), List.of())).isEmpty(),
        "a missing target is the guards' TargetNotFound");
  }

  @Test
  void everyFaultIsInTheCatalogue() {
    NativeEngine engine = new NativeEngine(null, new Random(1));
    for (FaultType type : FaultType.values()) {
      // CpuStress and MemoryStress are ChaosMesh-only.
      boolean nativeFault = type != FaultType.CpuStress && type != FaultType.MemoryStress;
      assertEquals(nativeFault, engine.catalogue().contains(type.name()), type.name());
    }
  }
}
