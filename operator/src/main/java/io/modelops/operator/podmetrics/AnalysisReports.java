package io.modelops.operator.podmetrics;

import io.modelops.api.v1alpha1.AnalysisStatus;
import io.modelops.api.v1alpha1.CheckResult;
import io.modelops.operator.analysis.Evaluation;
import io.modelops.operator.analysis.Evaluation.Outcome;
import io.modelops.operator.analysis.TrackWindow;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.release.AnalysisVerdict;
import java.time.Duration;
import java.time.Instant;

/** Turns an {@link Evaluation} into the verdict the release machine counts and its report. */
public final class AnalysisReports {

  private AnalysisReports() {}

  public static AnalysisVerdict verdict(
      Evaluation evaluation,
      Instant at,
      Duration interval,
      TrackWindow canary,
      TrackWindow stable) {
    AnalysisVerdict verdict =
        switch (evaluation.verdict()) {
          case PASS -> AnalysisVerdict.pass(at, evaluation.message());
          case INCONCLUSIVE -> AnalysisVerdict.inconclusive(at, evaluation.message());
          case FAIL -> {
            Outcome f = evaluation.failed().orElseThrow();
            yield AnalysisVerdict.fail(
                at, f.check().metric().name(), f.formattedValue(), f.describedMax(), f.relation());
          }
        };
    return verdict.withReport(report(evaluation, at, interval, canary, stable));
  }

  static AnalysisStatus report(
      Evaluation evaluation,
      Instant at,
      Duration interval,
      TrackWindow canary,
      TrackWindow stable) {
    AnalysisStatus status = new AnalysisStatus();
    status.setTime(Conditions.format(at));
    status.setWindow(Evaluation.format(interval.toMillis() / 1000.0) + "s");
    status.setResult(evaluation.verdict().resultLabel());
    status.setMessage(evaluation.message());
    status.setCanaryRequestRate(Evaluation.format(canary.requestRate()));
    status.setStableRequestRate(Evaluation.format(stable.requestRate()));
    status.setChecks(
        evaluation.outcomes().stream()
            .map(
                o -> {
                  CheckResult r = new CheckResult();
                  r.setMetric(o.check().metric().name());
                  r.setValue(o.formattedValue());
                  r.setMax(o.formattedMax());
                  r.setVerdict(o.verdict().checkLabel());
                  r.setPassed(
                      o.verdict() == Evaluation.Verdict.INCONCLUSIVE
                          ? null
                          : o.verdict() == Evaluation.Verdict.PASS);
                  return r;
                })
            .toList());
    return status;
  }
}
