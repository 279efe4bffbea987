package io.modelops.operator.drill;

import io.modelops.operator.analysis.Scrape;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The steady-state probe's rate: the spec's {@code ratePerSecond} when set, otherwise {@value
 * #SHARE_PERCENT}% of the target's measured capacity, at least {@value #MIN_RATE} and at most
 * {@value #MAX_RATE} requests per second; {@value #MIN_RATE} when no capacity could be measured.
 *
 * <p>Capacity comes from the runtime's own metrics: per pod, the successful requests divided by the
 * time they took ({@code modelops_runtime_request_duration_seconds} {@code _count / _sum} of {@code
 * code="200"}), i.e. the requests per second the pod serves one at a time; summed over the ready
 * pods. A pod serves several requests at once (worker threads, batching), so this is a lower bound
 * of the capacity and the probe's share of it is at most 1%. A pod with fewer than {@value
 * #MIN_REQUESTS} successful requests served has no figure yet.
 */
final class ProbeRate {

  static final int SHARE_PERCENT = 1;
  static final int MIN_RATE = 1;
  static final int MAX_RATE = 1000;
  static final int MIN_REQUESTS = 10;

  static final String DURATION = "modelops_runtime_request_duration_seconds";

  private ProbeRate() {}

  /** The rate to send at; {@code explicit} (the spec's) wins. */
  static int rate(Integer explicit, OptionalDouble capacityPerSecond) {
    if (explicit != null) {
      return explicit;
    }
    if (capacityPerSecond.isEmpty()) {
      return MIN_RATE;
    }
    double share = capacityPerSecond.getAsDouble() * SHARE_PERCENT / 100.0;
    return (int) Math.max(MIN_RATE, Math.min(MAX_RATE, Math.floor(share)));
  }

  /** One pod's requests per second, served one at a time; empty without enough requests. */
  static OptionalDouble podCapacity(Scrape scrape) {
    Map<String, String> ok = Map.of("code", "200");
    double count = scrape.sum(DURATION + "_count", ok);
    double seconds = scrape.sum(DURATION + "_sum", ok);
    if (count < MIN_REQUESTS || !(seconds > 0) || !Double.isFinite(count / seconds)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(count / seconds);
  }

  /** The sum over the pods that have a figure; empty when none has. */
  static OptionalDouble capacity(Collection<Scrape> pods) {
    double total = 0;
    boolean any = false;
    for (Scrape pod : pods) {
      OptionalDouble c = podCapacity(pod);
      if (c.isPresent()) {
        total += c.getAsDouble();
        any = true;
      }
    }
    return any ? OptionalDouble.of(total) : OptionalDouble.empty();
  }
}
