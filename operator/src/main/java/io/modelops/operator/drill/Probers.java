package io.modelops.operator.drill;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running probers, one per active DrillRun (by uid). Counts live in memory; after an operator
 * restart a new prober starts and adds to the counts status carried ({@link Running#baseRequests}).
 */
final class Probers {

  /** A prober and the counts status held when it started. */
  record Running(SteadyStateProber prober, long baseRequests, long baseErrors) {}

  private final ProberFactory factory;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  Probers(ProberFactory factory) {
    this.factory = factory;
  }

  Running ensure(String uid, ProbeSpec spec, long baseRequests, long baseErrors) {
    return running.computeIfAbsent(
        uid, k -> new Running(factory.start(spec), baseRequests, baseErrors));
  }

  void stop(String uid) {
    Running r = running.remove(uid);
    if (r != null) {
      r.prober().close();
    }
  }
}
