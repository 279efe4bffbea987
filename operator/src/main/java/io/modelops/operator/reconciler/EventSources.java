package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.model.Annotations;
import io.modelops.operator.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The informers of the ModelDeployment controller: one per owned kind, the runtime pods (mapped to
 * their ModelDeployment through the pod template annotations, since ReplicaSets own them), and one
 * that keeps the SLO objective gauges in step.
 */
final class EventSources {

  private EventSources() {}

  static List<EventSource<?, ModelDeployment>> of(
      EventSourceContext<ModelDeployment> context, SloMetrics slo) {
    List<EventSource<?, ModelDeployment>> sources = new ArrayList<>();
    ModelDeploymentReconciler.OWNED_KINDS.forEach(kind -> sources.add(owned(kind, context)));
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, ModelDeployment.class)
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(EventSources::ownerOfPod)
                .build(),
            context));
    sources.add(sloObjectives(context, slo));
    return sources;
  }

  /**
   * Keeps the SLO objective gauges ({@link SloMetrics}) in step with the ModelDeployments: an
   * informer of its own, since the framework reports no deletion to a reconciler without a
   * finalizer. Its filters export on add and update and remove on delete; they pass no event on, so
   * it never triggers a reconcile.
   */
  private static InformerEventSource<ModelDeployment, ModelDeployment> sloObjectives(
      EventSourceContext<ModelDeployment> context, SloMetrics slo) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ModelDeployment.class, ModelDeployment.class)
            .withName("slo-objectives")
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(md -> Set.of())
            .withOnAddFilter(
                md -> {
                  slo.observe(md);
                  return false;
                })
            .withOnUpdateFilter(
                (updated, old) -> {
                  slo.observe(updated);
                  return false;
                })
            .withOnDeleteFilter(
                (md, finalStateUnknown) -> {
                  slo.forget(md.getMetadata().getNamespace(), md.getMetadata().getName());
                  return false;
                })
            .build(),
        context);
  }

  private static Set<ResourceID> ownerOfPod(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations == null || annotations.get(Annotations.OWNER_NAME) == null) {
      return Set.of();
    }
    return Set.of(
        new ResourceID(
            annotations.get(Annotations.OWNER_NAME),
            annotations.getOrDefault(
                Annotations.OWNER_NAMESPACE, pod.getMetadata().getNamespace())));
  }

  private static <R extends HasMetadata> InformerEventSource<R, ModelDeployment> owned(
      Class<R> type, EventSourceContext<ModelDeployment> context) {
    return new InformerEventSource<R, ModelDeployment>(
        InformerEventSourceConfiguration.from(type, ModelDeployment.class)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .build(),
        context);
  }
}
