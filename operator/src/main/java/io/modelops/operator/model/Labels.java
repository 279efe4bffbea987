package io.modelops.operator.model;

import io.modelops.api.v1alpha1.ModelDeployment;
import java.util.Map;
import java.util.TreeMap;

/** The labels every owned object carries, and the selectors built from them. */
public final class Labels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** Release track of a workload: {@code stable} or {@code canary}. */
  public static final String TRACK = "modelops.io/track";

  /** Short hash of the pod template a pod runs (status.stable.revision). */
  public static final String REVISION = "modelops.io/revision";

  public static final String APP_NAME = "inference-runtime";
  public static final String COMPONENT_VALUE = "model-server";
  public static final String PART_OF_VALUE = "modelops";
  public static final String MANAGED_BY_VALUE = "modelops-operator";
  public static final String TRACK_STABLE = "stable";
  public static final String TRACK_CANARY = "canary";

  /** Label selector (string form) matching every object this operator manages. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

  private Labels() {}

  /** The standard labels of an object owned by {@code md}. */
  public static Map<String, String> standard(ModelDeployment md) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, APP_NAME);
    labels.put(INSTANCE, ModelDeploymentNames.labelValue(md.getMetadata().getName()));
    labels.put(VERSION, ModelDeploymentNames.labelValue(md.getSpec().getModel().getVersion()));
    labels.put(COMPONENT, COMPONENT_VALUE);
    labels.put(PART_OF, PART_OF_VALUE);
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    return labels;
  }

  /** Standard labels plus the track. */
  public static Map<String, String> track(ModelDeployment md, String track) {
    Map<String, String> labels = standard(md);
    labels.put(TRACK, track);
    return labels;
  }

  /** Selects the runtime pods of {@code md} on every track (the Service, the PDB). */
  public static Map<String, String> allTracksSelector(ModelDeployment md) {
    Map<String, String> selector = new TreeMap<>();
    selector.put(NAME, APP_NAME);
    selector.put(INSTANCE, ModelDeploymentNames.labelValue(md.getMetadata().getName()));
    return selector;
  }

  /** Selects the runtime pods of one track (a Deployment's immutable selector). */
  public static Map<String, String> trackSelector(ModelDeployment md, String track) {
    Map<String, String> selector = allTracksSelector(md);
    selector.put(TRACK, track);
    return selector;
  }

  /** {@code selector} in the string form of a label selector ({@code a=b,c=d}, sorted). */
  public static String selector(Map<String, String> selector) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(selector)
        .forEach(
            (k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return out.toString();
  }
}
