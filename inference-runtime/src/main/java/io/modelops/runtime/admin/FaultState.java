package io.modelops.runtime.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Faults injected for drills. Each fault has an end time and expires by itself; reads are lock-free
 * (volatile snapshot per type).
 */
public final class FaultState {
  /** Fault kinds, with their admin-API names. */
  public enum Type {
    LATENCY("latency"),
    ERROR_RATIO("errorRatio"),
    UNREADY("unready");

    private final String apiName;

    Type(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    /** Parses an API name; null when unknown. */
    public static Type fromApiName(String name) {
      for (Type t : values()) {
        if (t.apiName.equals(name)) {
          return t;
        }
      }
      return null;
    }
  }

  /** An active fault. {@code latency} is set for LATENCY, {@code ratio} for ERROR_RATIO. */
  public record Fault(Type type, long untilNanos, Duration latency, double ratio) {}

  private final LongSupplier clock;
  private final Fault[] faults = new Fault[Type.values().length];

  public FaultState(LongSupplier nanoClock) {
    this.clock = nanoClock;
  }

  public FaultState() {
    this(System::nanoTime);
  }

  public synchronized void activate(Type type, Duration duration, Duration latency, double ratio) {
    faults[type.ordinal()] =
        new Fault(type, clock.getAsLong() + duration.toNanos(), latency, ratio);
  }

  public synchronized void clear(Type type) {
    faults[type.ordinal()] = null;
  }

  public synchronized void clearAll() {
    java.util.Arrays.fill(faults, null);
  }

  private Fault current(Type type) {
    Fault f;
    synchronized (this) {
      f = faults[type.ordinal()];
    }
    return f != null && clock.getAsLong() < f.untilNanos ? f : null;
  }

  public boolean active(Type type) {
    return current(type) != null;
  }

  /** Added latency right now (zero when none). */
  public Duration latency() {
    Fault f = current(Type.LATENCY);
    return f == null ? Duration.ZERO : f.latency;
  }

  /** True when this request should get an injected 503. */
  public boolean injectError() {
    Fault f = current(Type.ERROR_RATIO);
    return f != null && ThreadLocalRandom.current().nextDouble() < f.ratio;
  }

  public boolean unready() {
    return current(Type.UNREADY) != null;
  }

  /** Active faults with the time left. */
  public List<Fault> active() {
    List<Fault> list = new ArrayList<>();
    for (Type t : Type.values()) {
      Fault f = current(t);
      if (f != null) {
        list.add(f);
      }
    }
    return list;
  }

  /** Time left for a fault (never negative). */
  public Duration remaining(Fault f) {
    return Duration.ofNanos(Math.max(0, f.untilNanos - clock.getAsLong()));
  }
}
