package io.modelops.operator.release;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.ResolvedSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link AnalysisSource} is asked about: the release as the status records it and the
 * current time. An interval is due once {@code interval} has passed since the later of the step's
 * start and the last counted interval.
 *
 * @param spec the resolved spec
 * @param release status.release before this reconcile (may be null)
 * @param now the current time
 * @param pods the ModelDeployment's runtime pods as observed (both tracks; the source picks the
 *     ready ones of each track by their labels)
 */
public record AnalysisRequest(
    ResolvedSpec spec, ReleaseStatus release, Instant now, List<Pod> pods) {

  public AnalysisRequest {
    pods = pods == null ? List.of() : List.copyOf(pods);
  }

  /** A request without pods (sources that do not scrape them). */
  public AnalysisRequest(ResolvedSpec spec, ReleaseStatus release, Instant now) {
    this(spec, release, now, List.of());
  }

  /** The interval under analysis, if one is running: its start. Empty outside analysed steps. */
  public Optional<Instant> intervalStart() {
    if (release == null
        || spec.canary().isEmpty()
        || release.getStepStartedAt() == null
        || (release.getPhase() != ReleasePhase.Progressing
            && release.getPhase() != ReleasePhase.Paused)) {
      return Optional.empty();
    }
    Instant start = Instant.parse(release.getStepStartedAt());
    if (release.getLastAnalysisAt() != null) {
      Instant last = Instant.parse(release.getLastAnalysisAt());
      if (last.isAfter(start)) {
        start = last;
      }
    }
    return Optional.of(start);
  }

  /**
   * True when an interval is running and has lasted {@code spec.release.canary.analysis.interval}.
   */
  public boolean due() {
    CanaryRelease canary = spec.canary().orElse(null);
    return canary != null
        && intervalStart().map(start -> !now.isBefore(start.plus(canary.interval()))).orElse(false);
  }
}
