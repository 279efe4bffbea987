package io.modelops.e2e.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's live threads, grouped by thread name with digits removed ({@code
 * vert.x-eventloop-thread-#}), so the benchmark can say which part of the operator JVM burns the
 * CPU. Threads that ended between two snapshots are not counted.
 */
final class ThreadCpu {

  private ThreadCpu() {}

  /** CPU nanoseconds per thread id, with the group name of each thread. */
  record Snapshot(Map<Long, Long> nanos, Map<Long, String> groups) {}

  static Snapshot take() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, String> groups = new HashMap<>();
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        nanos.put(info.getThreadId(), cpu);
        groups.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "#"));
      }
    }
    return new Snapshot(nanos, groups);
  }

  /** CPU seconds per group between two snapshots (threads born in between count from zero). */
  static Map<String, Double> between(Snapshot before, Snapshot after) {
    Map<String, Double> out = new HashMap<>();
    after
        .nanos()
        .forEach(
            (id, cpu) -> {
              long delta = cpu - before.nanos().getOrDefault(id, 0L);
              out.merge(after.groups().get(id), delta / 1e9, Double::sum);
            });
    return out;
  }
}
