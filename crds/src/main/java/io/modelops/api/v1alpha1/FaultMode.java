package io.modelops.api.v1alpha1;

/** How many of the target's pods a fault selects. */
public enum FaultMode {
  /** One pod, picked at random. */
  One,
  /** A share of the pods ({@code fraction}), rounded up, at least one. */
  Fraction,
  /** Every pod of the track. */
  All
}
