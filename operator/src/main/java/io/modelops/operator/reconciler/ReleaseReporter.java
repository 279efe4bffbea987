package io.modelops.operator.reconciler;

import io.modelops.api.v1alpha1.AnalysisStatus;
import io.modelops.api.v1alpha1.CheckResult;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.event.AnnouncementLedger;
import io.modelops.operator.event.EventRecorder;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.release.ReleasePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * After the release machine decided: writes {@code status.lastAnalysis} from the report of an
 * analysis verdict the machine counted (one it ignored, e.g. while paused by the spec, is not
 * shown), emits a Warning Event when the analysis turns to Failed (not on every failed interval),
 * and counts checks and ended releases in {@link ReleaseMetrics}.
 *
 * <p>A release transition (promoted, rolled back, aborted) is announced once: as an Event and in
 * the counters. A reconcile that runs again on the copy read before its status write (a write that
 * failed with a conflict and is retried, or a cache that has not caught up yet) decides the same
 * transition from the same status; the ledger of the last transition announced per ModelDeployment,
 * keyed by the release it ended, makes that second decision silent. (One short entry per
 * ModelDeployment that ever ended a release; the ModelDeployment reconciler has no finalizer, so a
 * deleted one's entry stays until the operator restarts.)
 */
final class ReleaseReporter {

  static final String ANALYSIS_CHECK_FAILED = "AnalysisCheckFailed";

  private final ReleaseMetrics metrics;
  private final AnnouncementLedger announced = new AnnouncementLedger();

  ReleaseReporter(ReleaseMetrics metrics) {
    this.metrics = metrics;
  }

  void report(
      ModelDeployment md,
      AnalysisVerdict verdict,
      ReleasePlan plan,
      ModelDeploymentStatus status,
      EventRecorder events,
      Instant now) {
    AnalysisStatus before = md.getStatus() == null ? null : md.getStatus().getLastAnalysis();
    AnalysisStatus report = verdict.report();
    if (report != null && counted(verdict, plan) && isNewer(report, before)) {
      status.setLastAnalysis(report);
      if (report.getChecks() != null) {
        for (CheckResult check : report.getChecks()) {
          metrics.checked(check.getMetric(), check.getVerdict());
        }
      }
      if (verdict.kind() == AnalysisVerdict.Kind.FAIL
          && (before == null || !Objects.equals(before.getResult(), report.getResult()))) {
        events.record(md, EventRecorder.WARNING, ANALYSIS_CHECK_FAILED, report.getMessage());
      }
    }
    if (plan != null) {
      plan.transition()
          .filter(t -> firstAnnouncement(md, t))
          .ifPresent(
              t -> {
                events.record(
                    md,
                    t.to() == ReleasePhase.RolledBack
                        ? EventRecorder.WARNING
                        : EventRecorder.NORMAL,
                    t.reason(),
                    t.message());
                ended(md, t, now);
              });
    }
  }

  private boolean firstAnnouncement(ModelDeployment md, ReleasePlan.Transition t) {
    ReleaseStatus before = md.getStatus() == null ? null : md.getStatus().getRelease();
    String key =
        String.join(
            "|",
            String.valueOf(before == null ? null : before.getRevision()),
            String.valueOf(before == null ? null : before.getStartedAt()),
            String.valueOf(t.from()),
            String.valueOf(t.to()),
            String.valueOf(t.reason()));
    return announced.first(md.getMetadata().getUid(), key);
  }

  private void ended(ModelDeployment md, ReleasePlan.Transition t, Instant now) {
    String result;
    if (t.to() == ReleasePhase.RolledBack) {
      result =
          Reasons.ABORTED.equals(t.reason()) ? ReleaseMetrics.ABORTED : ReleaseMetrics.ROLLED_BACK;
    } else if (t.to() == ReleasePhase.Healthy && Reasons.PROMOTED.equals(t.reason())) {
      result = ReleaseMetrics.PROMOTED;
    } else {
      return;
    }
    ReleaseStatus previous = md.getStatus() == null ? null : md.getStatus().getRelease();
    Duration duration =
        previous == null || previous.getStartedAt() == null
            ? null
            : Duration.between(Instant.parse(previous.getStartedAt()), now);
    metrics.released(result, duration);
  }

  /** True when the machine counted this verdict (status.release.lastAnalysisAt is its time). */
  private static boolean counted(AnalysisVerdict verdict, ReleasePlan plan) {
    return plan != null
        && plan.status() != null
        && verdict.at() != null
        && Conditions.format(verdict.at()).equals(plan.status().getLastAnalysisAt());
  }

  private static boolean isNewer(AnalysisStatus report, AnalysisStatus before) {
    return before == null
        || before.getTime() == null
        || Instant.parse(report.getTime()).isAfter(Instant.parse(before.getTime()));
  }
}
