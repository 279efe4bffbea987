package io.modelops.operator.drill;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The running probers, one per active DrillRun (by uid). Counts live in memory; after an operator
 * restart a new prober starts and adds to the counts status carried ({@link Running#baseRequests}).
 */
final class Probers {

  /**
   * A prober, the spec it sends by, the counts status held when it started, and the capacity
   * measured for its rate (null when not measured).
   */
  static final class Running {
    private final SteadyStateProber prober;
    private final ProbeSpec spec;
    private final long baseRequests;
    private final long baseErrors;
    private volatile Integer capacity;
    private volatile PromWatch watch;

    Running(
        SteadyStateProber prober,
        ProbeSpec spec,
        long baseRequests,
        long baseErrors,
        Integer capacity) {
      this.prober = prober;
      this.spec = spec;
      this.baseRequests = baseRequests;
      this.baseErrors = baseErrors;
      this.capacity = capacity;
    }

    SteadyStateProber prober() {
      return prober;
    }

    ProbeSpec spec() {
      return spec;
    }

    long baseRequests() {
      return baseRequests;
    }

    long baseErrors() {
      return baseErrors;
    }

    Integer capacity() {
      return capacity;
    }

    void capacity(int perSecond) {
      this.capacity = perSecond;
    }

    /** The run's Prometheus checks; null when it has none. */
    PromWatch watch() {
      return watch;
    }

    void watch(PromWatch watch) {
      this.watch = watch;
    }
  }

  private final ProberFactory factory;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  Probers(ProberFactory factory) {
    this.factory = factory;
  }

  /** The run's prober; a new one (its spec asked for only then) when none runs. */
  Running ensure(
      String uid, Supplier<ProbeSpec> spec, long baseRequests, long baseErrors, Integer capacity) {
    Running now = running.get(uid);
    if (now != null) {
      return now;
    }
    // Outside computeIfAbsent: the spec may measure the capacity (HTTP, up to seconds). One run is
    // reconciled by one thread at a time, so no second prober starts for it meanwhile.
    ProbeSpec s = spec.get();
    return running.computeIfAbsent(
        uid, k -> new Running(factory.start(s), s, baseRequests, baseErrors, capacity));
  }

  void stop(String uid) {
    Running r = running.remove(uid);
    if (r != null) {
      r.prober().close();
    }
  }
}
