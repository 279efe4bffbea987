package io.modelops.runtime.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process CPU time, to split per-request cost between the server and the load generator. */
final class CpuTime {

  /** Linux reports {@code /proc/<pid>/stat} times in clock ticks of 1/100 s on common kernels. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private CpuTime() {}

  /** CPU time of this JVM in nanoseconds, or -1 when the platform does not tell. */
  static long thisProcess() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * User plus system CPU time of process {@code pid} in nanoseconds (10 ms resolution), from {@code
   * /proc/<pid>/stat}; -1 when unavailable.
   */
  static long ofProcess(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the parenthesised command name; utime and stime are fields 14 and 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
