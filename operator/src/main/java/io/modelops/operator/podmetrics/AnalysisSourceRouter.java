package io.modelops.operator.podmetrics;

import io.modelops.api.v1alpha1.AnalysisSourceType;
import io.modelops.operator.model.PodEndpoints;
import io.modelops.operator.prometheus.PrometheusAnalysisSource;
import io.modelops.operator.release.AnalysisRequest;
import io.modelops.operator.release.AnalysisSource;
import io.modelops.operator.release.AnalysisVerdict;

/**
 * Picks the analysis source {@code spec.release.canary.analysis.source.type} names: {@code
 * PodMetrics} (the default) or {@code Prometheus}.
 */
public final class AnalysisSourceRouter implements AnalysisSource {

  private final AnalysisSource podMetrics;
  private final AnalysisSource prometheus;

  public AnalysisSourceRouter(AnalysisSource podMetrics, AnalysisSource prometheus) {
    this.podMetrics = podMetrics;
    this.prometheus = prometheus;
  }

  /** Production: PodMetrics scraping pod IPs; Prometheus at the spec's address, 2 s per query. */
  public static AnalysisSourceRouter production() {
    return production(PodEndpoints.DIRECT);
  }

  /** Production, PodMetrics reaching the pods where {@code endpoints} says. */
  public static AnalysisSourceRouter production(PodEndpoints endpoints) {
    return new AnalysisSourceRouter(
        PodMetricsAnalysisSource.create(endpoints), PrometheusAnalysisSource.create());
  }

  @Override
  public AnalysisVerdict verdict(AnalysisRequest request) {
    return type(request) == AnalysisSourceType.Prometheus
        ? prometheus.verdict(request)
        : podMetrics.verdict(request);
  }

  @Override
  public boolean scraping(AnalysisRequest request) {
    return type(request) == AnalysisSourceType.Prometheus
        ? prometheus.scraping(request)
        : podMetrics.scraping(request);
  }

  private static AnalysisSourceType type(AnalysisRequest request) {
    var release = request.spec().md().getSpec().getRelease();
    if (release == null
        || release.getCanary() == null
        || release.getCanary().getAnalysis() == null
        || release.getCanary().getAnalysis().getSource() == null
        || release.getCanary().getAnalysis().getSource().getType() == null) {
      return AnalysisSourceType.PodMetrics;
    }
    return release.getCanary().getAnalysis().getSource().getType();
  }
}
