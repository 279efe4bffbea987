package io.modelops.operator.drill;

import io.modelops.drills.run.ProbeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Probe results: a sliding 10 s window (for the burn limits) and the totals and worst windows for
 * the run's status. Thread-safe.
 */
public final class ProbeStats {

  static final Duration WINDOW = Duration.ofSeconds(10);

  private record Sample(Instant at, long nanos, boolean ok) {}

  private final Clock clock;
  private final Deque<Sample> window = new ArrayDeque<>();
  private long requests;
  private long errors;
  private double worstErrorRatio;
  private Duration worstP99 = Duration.ZERO;
  private boolean lastOk;

  public ProbeStats(Clock clock) {
    this.clock = clock;
  }

  public synchronized void record(Duration latency, boolean ok) {
    window.addLast(new Sample(clock.instant(), latency.toNanos(), ok));
    requests++;
    if (!ok) {
      errors++;
    }
    lastOk = ok;
  }

  /** The last 10 s; also folds it into the worst values. */
  synchronized ProbeWindow window() {
    Instant from = clock.instant().minus(WINDOW);
    while (!window.isEmpty() && window.peekFirst().at().isBefore(from)) {
      window.removeFirst();
    }
    long n = window.size();
    long bad = window.stream().filter(s -> !s.ok()).count();
    long[] nanos = window.stream().mapToLong(Sample::nanos).sorted().toArray();
    Duration p99 = n == 0 ? Duration.ZERO : Duration.ofNanos(nanos[(int) Math.ceil(0.99 * n) - 1]);
    ProbeWindow w = new ProbeWindow(n, bad, p99, lastOk);
    if (n >= ProbeWindow.MIN_REQUESTS) {
      worstErrorRatio = Math.max(worstErrorRatio, w.errorRatio());
      if (p99.compareTo(worstP99) > 0) {
        worstP99 = p99;
      }
    }
    return w;
  }

  synchronized long requests() {
    return requests;
  }

  synchronized long errors() {
    return errors;
  }

  synchronized double worstErrorRatio() {
    return worstErrorRatio;
  }

  synchronized Duration worstP99() {
    return worstP99;
  }
}
