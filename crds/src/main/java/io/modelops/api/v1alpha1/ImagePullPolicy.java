package io.modelops.api.v1alpha1;

/** Container image pull policy. */
public enum ImagePullPolicy {
  /** Always pull. */
  Always,
  /** Pull when not cached. */
  IfNotPresent,
  /** Never pull. */
  Never
}
