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
    results.setWorstP99Latency(millis(stats.worstP99()));
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

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }
}
