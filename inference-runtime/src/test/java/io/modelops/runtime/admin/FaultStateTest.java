package io.modelops.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultStateTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final FaultState faults = new FaultState(now::get);

  @Test
  void faultsExpireByThemselves() {
    faults.activate(FaultState.Type.LATENCY, Duration.ofSeconds(10), Duration.ofMillis(50), 0);
    faults.activate(FaultState.Type.UNREADY, Duration.ofSeconds(5), Duration.ZERO, 0);
    assertEquals(Duration.ofMillis(50), faults.latency());
    assertTrue(faults.unready());
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    assertFalse(faults.unready());
    assertEquals(Duration.ofMillis(50), faults.latency());
    assertEquals(Duration.ofSeconds(4), faults.remaining(faults.active().get(0)));
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertEquals(Duration.ZERO, faults.latency());
    assertTrue(faults.active().isEmpty());
  }

  @Test
  void errorRatioOneAlwaysAndClearStops() {
    faults.activate(FaultState.Type.ERROR_RATIO, Duration.ofSeconds(1), Duration.ZERO, 1.0);
    for (int i = 0; i < 100; i++) {
      assertTrue(faults.injectError());
    }
    faults.clear(FaultState.Type.ERROR_RATIO);
    assertFalse(faults.injectError());
  }

  @Test
  void errorRatioIsRoughlyTheRatio() {
    faults.activate(FaultState.Type.ERROR_RATIO, Duration.ofSeconds(1), Duration.ZERO, 0.3);
    int hits = 0;
    for (int i = 0; i < 20_000; i++) {
      hits += faults.injectError() ? 1 : 0;
    }
    assertTrue(hits > 5_000 && hits < 7_000, "hits=" + hits);
    faults.clearAll();
    assertTrue(faults.active().isEmpty());
  }
}
