package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.ProbeCheckResult;
import io.modelops.api.v1alpha1.PrometheusProbe;
import io.modelops.operator.prometheus.PromSample;
import io.modelops.operator.prometheus.PrometheusClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A run's steady-state Prometheus checks: {@link #poll} sends every query ({@code /api/v1/query},
 * through the shared {@link PrometheusClient}) unless the previous round is still out, so each
 * check is evaluated once per probe interval (every reconcile of an active run, about once a
 * second) at most; answers are judged by {@link PromCheck} as they come. The first breach stays:
 * {@link #breach} names the check, its query, the value and the limit. A watch made for a run an
 * earlier operator was probing starts from the results that operator recorded in status: the worst
 * value of each check, a breach among them, the last message.
 */
final class PromWatch {

  private final PrometheusClient client;
  private final String address;
  private final List<PrometheusProbe> probes;
  private final Clock clock;
  private final Map<String, PromCheck.Outcome> worst = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();
  private String breach;
  private CompletableFuture<Void> round;

  PromWatch(PrometheusClient client, String address, List<PrometheusProbe> probes, Clock clock) {
    this(client, address, probes, clock, List.of());
  }

  /**
   * @param recorded {@code status.probes.prometheus} as the run holds it (null or empty for a new
   *     run): each check's worst value is taken up again and judged against the check's limits
   */
  PromWatch(
      PrometheusClient client,
      String address,
      List<PrometheusProbe> probes,
      Clock clock,
      List<ProbeCheckResult> recorded) {
    this.client = client;
    this.address = address;
    this.probes = List.copyOf(probes);
    this.clock = clock;
    if (recorded != null) {
      recorded.forEach(this::resume);
    }
  }

  private void resume(ProbeCheckResult result) {
    PrometheusProbe probe =
        probes.stream().filter(p -> p.getName().equals(result.getName())).findFirst().orElse(null);
    if (probe == null) {
      return;
    }
    if (result.getMessage() != null) {
      errors.put(probe.getName(), result.getMessage());
    }
    OptionalDouble value = PromCheck.parse(result.getValue());
    if (value.isEmpty()) {
      return;
    }
    boolean breached = PromCheck.score(probe, value.getAsDouble()) > 0;
    worst.put(probe.getName(), new PromCheck.Outcome(value, breached));
    if (breached && breach == null) {
      breach = PromCheck.breach(probe, value.getAsDouble());
    }
  }

  /** Starts a round of queries unless one is out; returns it (tests wait on it). */
  synchronized CompletableFuture<Void> poll() {
    if (round != null && !round.isDone()) {
      return round;
    }
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    for (PrometheusProbe probe : probes) {
      answers.add(
          client
              .query(address, probe.getQuery(), clock.instant())
              .handle(
                  (samples, error) -> {
                    record(probe, samples, error);
                    return null;
                  }));
    }
    round = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    return round;
  }

  private synchronized void record(PrometheusProbe probe, List<PromSample> samples, Throwable e) {
    if (e != null) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      errors.put(probe.getName(), String.valueOf(cause.getMessage()));
      return;
    }
    PromCheck.Outcome now = PromCheck.judge(probe, samples);
    if (now.value().isEmpty()) {
      errors.put(probe.getName(), "no data");
      return;
    }
    errors.remove(probe.getName());
    PromCheck.Outcome before = worst.get(probe.getName());
    if (before == null || now.score(probe) > before.score(probe)) {
      worst.put(probe.getName(), now);
    }
    if (now.breached() && breach == null) {
      breach = PromCheck.breach(probe, now.value().getAsDouble());
    }
  }

  /** The first breach seen, if any. */
  synchronized Optional<String> breach() {
    return Optional.ofNullable(breach);
  }

  /** Per check: the worst value so far, the limits, whether it passed, the last error. */
  synchronized List<ProbeCheckResult> results() {
    List<ProbeCheckResult> out = new ArrayList<>();
    for (PrometheusProbe probe : probes) {
      ProbeCheckResult r = new ProbeCheckResult();
      r.setName(probe.getName());
      r.setMax(probe.getMax());
      r.setMin(probe.getMin());
      PromCheck.Outcome w = worst.get(probe.getName());
      if (w != null) {
        r.setValue(PromCheck.format(w.value().getAsDouble()));
        r.setPassed(!w.breached());
      }
      r.setMessage(errors.get(probe.getName()));
      out.add(r);
    }
    return out;
  }
}
