package io.modelops.operator.model;

/** Annotation keys the operator writes. */
public final class Annotations {

  /** Hash of everything the operator manages in an owned object; a write is skipped if equal. */
  public static final String SPEC_HASH = "modelops.io/spec-hash";

  /** Name of the owning ModelDeployment, on pod templates (pods are owned by ReplicaSets). */
  public static final String OWNER_NAME = "modelops.io/owner-name";

  /** Namespace of the owning ModelDeployment, on pod templates. */
  public static final String OWNER_NAMESPACE = "modelops.io/owner-namespace";

  /** Model version a pod template serves (not truncated like the version label). */
  public static final String MODEL_VERSION = "modelops.io/model-version";

  private Annotations() {}
}
