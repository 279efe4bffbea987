package io.modelops.operator.release;

/**
 * An analysis source that judges nothing: every due interval is Inconclusive ("no analysis
 * source"), so a release with checks pauses (or rolls back, with {@code inconclusive: Rollback}) at
 * its first step instead of promoting unjudged. Releases without checks (no analysis checks, no
 * spec.slo) advance on their pauses alone. Production uses the PodMetrics and Prometheus sources
 * (AnalysisSourceRouter); this one is the test harness' default.
 */
public final class PendingAnalysisSource implements AnalysisSource {

  public static final String MESSAGE =
      "no analysis source: promote with the annotation modelops.io/promote or abort with"
          + " modelops.io/abort";

  @Override
  public AnalysisVerdict verdict(AnalysisRequest request) {
    if (!request.due()) {
      return AnalysisVerdict.notYetDue();
    }
    return AnalysisVerdict.inconclusive(request.now(), MESSAGE);
  }
}
