package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.PodTemplateOverrides;
import io.modelops.operator.config.OperatorSettings;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime pod template of one track. Pure. The {@link Labels#REVISION} label is a hash of the
 * template as the stable track would run it, so a canary and the stable that later takes its
 * template report the same revision (promotion compares revisions, not templates).
 */
public final class PodTemplates {

  public static final int REVISION_LENGTH = 10;

  private PodTemplates() {}

  /** The template of {@code track} for the resolved spec, with its revision label. */
  public static PodTemplateSpec build(ResolvedSpec spec, OperatorSettings settings, String track) {
    PodTemplateSpec stableForm = template(spec, settings, Labels.TRACK_STABLE);
    String revision = Hashes.of(stableForm, REVISION_LENGTH);
    PodTemplateSpec template =
        Labels.TRACK_STABLE.equals(track) ? stableForm : template(spec, settings, track);
    template.getMetadata().getLabels().put(Labels.REVISION, revision);
    return template;
  }

  /** The revision the resolved spec's template has (on either track). */
  public static String revision(ResolvedSpec spec, OperatorSettings settings) {
    return Hashes.of(template(spec, settings, Labels.TRACK_STABLE), REVISION_LENGTH);
  }

  private static PodTemplateSpec template(
      ResolvedSpec spec, OperatorSettings settings, String track) {
    ModelDeployment md = spec.md();
    PodTemplateOverrides overrides = RuntimePodSpec.overrides(md);
    Map<String, String> labels = new TreeMap<>();
    if (overrides.getLabels() != null) {
      labels.putAll(overrides.getLabels());
    }
    labels.putAll(Labels.track(md, track));

    Map<String, String> annotations = new TreeMap<>();
    if (overrides.getAnnotations() != null) {
      annotations.putAll(overrides.getAnnotations());
    }
    annotations.put("prometheus.io/scrape", "true");
    annotations.put("prometheus.io/port", Integer.toString(RuntimeContainerBuilder.PORT));
    annotations.put("prometheus.io/path", RuntimeContainerBuilder.METRICS_PATH);
    annotations.put(Annotations.OWNER_NAME, md.getMetadata().getName());
    annotations.put(Annotations.OWNER_NAMESPACE, md.getMetadata().getNamespace());
    annotations.put(Annotations.MODEL_VERSION, spec.version());

    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(RuntimePodSpec.build(spec, settings, track))
        .build();
  }
}
