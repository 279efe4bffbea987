package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.DrillEngine;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillRunStatus;
import io.modelops.api.v1alpha1.FaultMode;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The ChaosMesh engine's plan, the engines' Unsupported messages, the AllInjected wait: no server.
 */
class ChaosMeshPartsTest {

  static DrillRunSpec spec(FaultType type, DrillEngine engine) {
    DrillFault fault = new DrillFault();
    fault.setType(type);
    DrillRunSpec spec = new DrillRunSpec();
    spec.setFault(fault);
    spec.setEngine(engine);
    spec.setDuration("1m");
    spec.setTarget(new io.modelops.api.v1alpha1.DrillTarget());
    return spec;
  }

  private static final FaultEngines ENGINES = new FaultEngines(null, new Random(1));

  @Test
  void chaosMeshDoesTheRuntimeNetworkAndStressFaultsNotReplicaLossOrNodeDrain() {
    for (FaultType type : FaultType.values()) {
      boolean expected = type != FaultType.ReplicaLoss && type != FaultType.NodeDrain;
      assertEquals(
          expected,
          ENGINES.supporting(spec(type, DrillEngine.ChaosMesh)).isPresent(),
          type.toString());
    }
    String message = ENGINES.unsupported(spec(FaultType.ReplicaLoss, DrillEngine.ChaosMesh));
    assertTrue(message.startsWith("engine ChaosMesh cannot do ReplicaLoss (it does: "), message);
    assertTrue(
        message.contains("Chaos Mesh has no replica-count fault; use engine Native"), message);
  }

  @Test
  void nativeRefusesTheStressFaults() {
    assertFalse(ENGINES.supporting(spec(FaultType.CpuStress, null)).isPresent());
    assertFalse(ENGINES.supporting(spec(FaultType.MemoryStress, DrillEngine.Native)).isPresent());
    String message = ENGINES.unsupported(spec(FaultType.CpuStress, null));
    assertTrue(
        message.startsWith("engine Native cannot do CpuStress (it does: PodKill, "), message);
    assertFalse(message.substring(message.indexOf("(")).contains("Stress"), message);
  }

  @Test
  void planRecordsTheObjectNamedAfterTheRunAndTheSelectedPods() {
    DrillRunSpec spec = spec(FaultType.PodKill, DrillEngine.ChaosMesh);
    spec.getFault().setMode(FaultMode.All);
    Target target = new Target(null, null, NativePartsTest.pods(3), NativePartsTest.pods(3));
    InjectedFault fault = new ChaosMeshEngine(null, new Random(1)).plan("kill-now", spec, target);
    assertEquals("PodChaos/kill-now", fault.getObject());
    assertEquals(List.of("p0", "p1", "p2"), fault.getTargets());
    assertNull(fault.getInjectedTime());
  }

  @Test
  void runtimeErrorsRecordsTheShareOfPodsItHits() {
    DrillRunSpec spec = spec(FaultType.RuntimeErrors, DrillEngine.ChaosMesh);
    spec.getFault().setMode(FaultMode.All);
    spec.getFault().setErrorRatio("0.5");
    Target target = new Target(null, null, NativePartsTest.pods(4), NativePartsTest.pods(4));
    InjectedFault fault = new ChaosMeshEngine(null, new Random(3)).plan("errs", spec, target);
    assertEquals("HTTPChaos/errs", fault.getObject());
    assertEquals(2, fault.getTargets().size(), fault.getTargets().toString());
  }

  /** An engine whose injection someone else reports, as Chaos Mesh's AllInjected. */
  private static FaultEngine reporting(AtomicBoolean injected) {
    return new FaultEngine() {
      public String catalogue() {
        return "";
      }

      public boolean supports(DrillRunSpec spec) {
        return true;
      }

      public InjectedFault plan(String run, DrillRunSpec spec, Target target) {
        return null;
      }

      public void inject(String ns, DrillRunSpec spec, InjectedFault fault, Target target) {}

      public boolean active(String ns, InjectedFault fault) {
        return injected.get();
      }

      public boolean reportsInjection() {
        return true;
      }

      public void remove(String ns, InjectedFault fault) {}
    };
  }

  @Test
  void aFaultIsConfirmedWhenReportedAndFailsWhenNeverReported() {
    Instant injected = Instant.parse("2026-05-01T03:00:00Z");
    InjectedFault fault = new InjectedFault();
    fault.setObject("PodChaos/x");
    fault.setInjectedTime(injected.toString());
    DrillRunStatus status = new DrillRunStatus();
    status.setFaults(List.of(fault));
    AtomicBoolean reported = new AtomicBoolean(false);
    FaultEngine engine = reporting(reported);

    DrillRunReconciler.confirm(engine, "ns", status, injected.plusSeconds(59));
    assertNull(fault.getConfirmedTime(), "not reported yet, still within the wait");
    IllegalStateException late =
        assertThrows(
            IllegalStateException.class,
            () -> DrillRunReconciler.confirm(engine, "ns", status, injected.plusSeconds(61)));
    assertTrue(
        late.getMessage().contains("PodChaos/x was not reported injected"), late.getMessage());

    reported.set(true);
    DrillRunReconciler.confirm(engine, "ns", status, injected.plusSeconds(61));
    assertEquals("2026-05-01T03:01:01Z", fault.getConfirmedTime());
  }

  @Test
  void nativeFaultsAreNeverWaitedFor() {
    InjectedFault fault = new InjectedFault();
    fault.setInjectedTime("2026-05-01T03:00:00Z");
    DrillRunStatus status = new DrillRunStatus();
    status.setFaults(List.of(fault));
    DrillRunReconciler.confirm(
        new NativeEngine(null, new Random(1)), "ns", status, Instant.parse("2026-05-01T04:00:00Z"));
    assertNull(fault.getConfirmedTime());
  }
}
