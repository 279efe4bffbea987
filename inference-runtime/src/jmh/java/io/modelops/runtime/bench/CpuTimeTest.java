package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

  @Test
  void procStatAgreesWithTheJvmAboutItsOwnCpuTime() {
    long spin = System.nanoTime() + 300_000_000L;
    double sink = 0;
    while (System.nanoTime() < spin) {
      sink += Math.sqrt(sink + 1);
    }
    long jvm = CpuTime.thisProcess();
    long proc = CpuTime.ofProcess(ProcessHandle.current().pid());
    assertTrue(sink > 0);
    assertTrue(jvm >= 250_000_000L, "spun 300 ms: " + jvm);
    // /proc has 10 ms ticks and is read a moment later
    assertTrue(Math.abs(proc - jvm) < 100_000_000L, "proc " + proc + " vs jvm " + jvm);
  }
}
