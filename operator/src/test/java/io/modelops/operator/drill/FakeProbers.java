package io.modelops.operator.drill;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Probers for the mock tier, which runs no runtime to send requests to: every time the reconciler
 * hands over the ready pods (about once a second) a prober records {@link #PER_TICK} results, all
 * good when there are ready pods and the probes are not set failing, all bad otherwise.
 */
final class FakeProbers implements ProberFactory {

  static final int PER_TICK = 5;

  private final Clock clock;
  private volatile boolean failing;

  FakeProbers(Clock clock) {
    this.clock = clock;
  }

  /** Every later probe fails (to burn the SLO). */
  void failing(boolean failing) {
    this.failing = failing;
  }

  @Override
  public SteadyStateProber start(ProbeSpec spec) {
    ProbeStats stats = new ProbeStats(clock);
    return new SteadyStateProber() {
      @Override
      public void endpoints(List<String> baseUrls) {
        boolean ok = !baseUrls.isEmpty() && !failing;
        for (int i = 0; i < PER_TICK; i++) {
          stats.record(Duration.ofMillis(5), ok);
        }
      }

      @Override
      public ProbeStats stats() {
        return stats;
      }

      @Override
      public void close() {}
    };
  }
}
