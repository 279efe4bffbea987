package io.modelops.api.v1alpha1;

/** What a relative analysis check compares the canary with. */
public enum AnalysisBaseline {
  /** The stable track's figure over the same interval. */
  Stable
}
