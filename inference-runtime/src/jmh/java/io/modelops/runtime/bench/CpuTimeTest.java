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

  @Test
  void findsThisJvmsCompilerThreads() {
    long pid = ProcessHandle.current().pid();
    // by the time a test runs, the JVM's first C1 and C2 threads (never stopped) have compiled
    // the test framework: well over one 10 ms tick
    long compiled = CpuTime.compilerThreads(pid);
    assertTrue(compiled > 0, "compiler threads' CPU in /proc: " + compiled);
    assertTrue(compiled < CpuTime.ofProcess(pid), "a part of the process's CPU");
    // a process that does not exist cannot be read
    assertTrue(CpuTime.compilerThreads(Long.MAX_VALUE) == -1);
  }
}
