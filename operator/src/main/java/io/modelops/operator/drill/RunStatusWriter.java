package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.DrillRunStatus;
import io.modelops.api.v1alpha1.ProbeResults;
import io.modelops.drills.run.Rto;
import io.modelops.drills.run.RunStep;
import io.modelops.operator.condition.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Copies a machine step and the probe counts into a DrillRun's status. */
final class RunStatusWriter {

  private RunStatusWriter() {}

  static void apply(DrillRunStatus status, RunStep step, Instant now) {
    status.setPhase(step.phase());
    step.note()
        .ifPresent(
            n -> {
              status.setReason(n.reason().name());
              status.setMessage(n.message());
            });
    step.injectionTime().map(Conditions::format).ifPresent(status::setInjectionTime);
    step.faultRemovalTime().map(Conditions::format).ifPresent(status::setFaultRemovalTime);
    step.recoveryTime().map(Conditions::format).ifPresent(status::setRecoveryTime);
    step.rto().map(Rto::format).ifPresent(status::setRto);
    step.verdict()
        .ifPresent(
            v -> {
              status.setVerdict(v);
              status.setCompletionTime(Conditions.format(now));
            });
  }

  static void probes(DrillRunStatus status, Probers.Running running) {
    ProbeStats stats = running.prober().stats();
    ProbeResults results = new ProbeResults();
    results.setRequests(running.baseRequests() + stats.requests());
    results.setErrors(running.baseErrors() + stats.errors());
    double worstBefore = parse(status.getProbes());
    results.setWorstErrorRatio(
        String.format(Locale.ROOT, "%.3f", Math.max(worstBefore, stats.worstErrorRatio())));
    // The worst p99 an earlier operator recorded stands, like the worst error ratio.
    results.setWorstP99Latency(
        millis(
            max(
                stats.worstP99(),
                status.getProbes() == null ? null : status.getProbes().getWorstP99Latency())));
    results.setRatePerSecond(running.spec().ratePerSecond());
    results.setCapacityPerSecond(running.capacity());
    if (running.watch() != null) {
      results.setPrometheus(running.watch().results());
    } else if (status.getProbes() != null) {
      results.setPrometheus(status.getProbes().getPrometheus());
    }
    status.setProbes(results);
  }

  private static double parse(ProbeResults before) {
    return before == null || before.getWorstErrorRatio() == null
        ? 0
        : Double.parseDouble(before.getWorstErrorRatio());
  }

  /** The longer of {@code now} and a recorded {@code "<n>ms"} (unreadable: {@code now}). */
  static Duration max(Duration now, String recorded) {
    if (recorded == null || !recorded.endsWith("ms")) {
      return now;
    }
    try {
      Duration before =
          Duration.ofMillis(Long.parseLong(recorded.substring(0, recorded.length() - 2)));
      return before.compareTo(now) > 0 ? before : now;
    } catch (NumberFormatException e) {
      return now;
    }
  }

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }
}
