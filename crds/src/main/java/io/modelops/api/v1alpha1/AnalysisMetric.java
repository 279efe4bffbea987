package io.modelops.api.v1alpha1;

/** Metrics an analysis check can bound. */
public enum AnalysisMetric {
  /** 99th percentile request latency in milliseconds. */
  P99LatencyMs,
  /** Median request latency in milliseconds. */
  P50LatencyMs,
  /**
   * Requests per second per ready canary pod: a lower bound ({@code min}, or {@code maxDecrease}
   * below the stable's per-pod rate), for a canary that gets too little of the traffic.
   */
  RequestRate,
  /** Share of failed requests (0-1). */
  ErrorRatio,
  /** Population stability index of canary vs stable output scores. */
  ScoreDriftPSI
}
