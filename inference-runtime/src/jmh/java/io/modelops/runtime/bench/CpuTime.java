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
    return ofStat(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /**
   * CPU time so far of the HotSpot JIT compiler threads ({@code C1 CompilerThread*}, {@code C2
   * CompilerThread*}) of JVM {@code pid}, in nanoseconds (10 ms resolution); 0 for a process that
   * has none (a Python peer), -1 when {@code /proc} cannot be read. A compiler thread that ended
   * meanwhile (HotSpot stops idle ones) takes its time with it, so compare deltas over short
   * windows.
   */
  static long compilerThreads(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long total = 0;
    try (var threads = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) threads::iterator) {
        String name;
        try {
          name = Files.readString(task.resolve("comm")).trim();
        } catch (IOException ended) {
          continue;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          total += Math.max(0, ofStat(task.resolve("stat")));
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long ofStat(Path stat) {
    try {
      String text = Files.readString(stat);
      // fields after the parenthesised command name; utime and stime are fields 14 and 15
      String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
