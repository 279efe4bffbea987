package io.modelops.drills.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillTarget;
import io.modelops.api.v1alpha1.DrillTrack;
import io.modelops.api.v1alpha1.FaultType;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's defaults of a DrillRun spec. */
class RunPlanTest {

  static DrillRunSpec spec(FaultType type) {
    DrillFault fault = new DrillFault();
    fault.setType(type);
    DrillTarget target = new DrillTarget();
    target.setModelDeployment("ctr");
    DrillRunSpec spec = new DrillRunSpec();
    spec.setFault(fault);
    spec.setTarget(target);
    spec.setDuration("30s");
    return spec;
  }

  @Test
  void defaults() {
    RunPlan plan = RunPlan.of(spec(FaultType.PodKill));
    assertEquals(DrillTrack.Stable, plan.track());
    assertEquals(Duration.ofSeconds(30), plan.duration());
    assertEquals(Duration.ofSeconds(60), plan.rto());
    assertEquals(Duration.ofMinutes(10), plan.recoveryTimeout());
    assertEquals(0.05, plan.abortErrorRatio());
    assertEquals(Optional.empty(), plan.abortP99());
    assertTrue(plan.requireReady());
    assertEquals(1, plan.minReadyReplicas());
    assertTrue(plan.skipDuringRelease());
    assertFalse(plan.dryRun());
  }

  @Test
  void absorbedFaultsCountRecoveryFromTheInjection() {
    assertTrue(RunPlan.of(spec(FaultType.PodKill)).absorbed());
    assertTrue(RunPlan.of(spec(FaultType.ReplicaLoss)).absorbed());
    assertTrue(RunPlan.of(spec(FaultType.NodeDrain)).absorbed());
    assertFalse(RunPlan.of(spec(FaultType.RuntimeLatency)).absorbed());
    assertFalse(RunPlan.of(spec(FaultType.NetworkPartition)).absorbed());
  }
}
