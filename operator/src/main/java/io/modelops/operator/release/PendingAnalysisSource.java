package io.modelops.operator.release;

/**
 * The analysis source until the PodMetrics and Prometheus sources land: every due interval is
 * Inconclusive ("no analysis source yet"), so a release with checks pauses (or rolls back, with
 * {@code inconclusive: Rollback}) at its first step instead of promoting unjudged. Releases without
 * checks (no analysis checks, no spec.slo) advance on their pauses alone.
 */
public final class PendingAnalysisSource implements AnalysisSource {

  public static final String MESSAGE =
      "no analysis source yet: the PodMetrics and Prometheus sources are not implemented;"
          + " promote with the annotation modelops.io/promote or abort with modelops.io/abort";

  @Override
  public AnalysisVerdict verdict(AnalysisRequest request) {
    if (!request.due()) {
      return AnalysisVerdict.notYetDue();
    }
    return AnalysisVerdict.inconclusive(request.now(), MESSAGE);
  }
}
