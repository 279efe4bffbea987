package io.modelops.operator.release;

/**
 * Where analysis verdicts come from: the seam between the release state machine and the metrics.
 * Implementations scrape the runtime pods ({@code PodMetrics}) or query Prometheus; they must
 * answer {@link AnalysisVerdict.Kind#NOT_YET_DUE} unless {@link AnalysisRequest#due()}.
 */
@FunctionalInterface
public interface AnalysisSource {

  /** The verdict of the interval that ends now, or NOT_YET_DUE. */
  AnalysisVerdict verdict(AnalysisRequest request);

  /**
   * True while a scrape or query that {@link #verdict} started for {@code request}'s
   * ModelDeployment has not answered: its verdict may come on a call soon. False by default, for
   * sources that answer on the caller's thread.
   */
  default boolean scraping(AnalysisRequest request) {
    return false;
  }
}
