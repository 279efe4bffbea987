package io.modelops.api.v1alpha1;

/** Metric sources. */
public enum AnalysisSourceType {
  /** Scrape /metrics of the runtime pods. */
  PodMetrics,
  /** Query a Prometheus HTTP API. */
  Prometheus
}
