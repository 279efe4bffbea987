package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.event.EventRecorder;
import io.modelops.operator.model.FaultInjection;
import io.modelops.operator.model.HorizontalPodAutoscalerBuilder;
import io.modelops.operator.model.HttpRouteBuilder;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ModelDeploymentNames;
import io.modelops.operator.model.PodDisruptionBudgetBuilder;
import io.modelops.operator.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Writes the owned objects of one ModelDeployment for one reconcile: reads the current object from
 * the informer cache, writes through {@link ResourceWriter}, feeds the result back into the cache
 * and records an Event for every write. Adding an owned kind means one call in {@link #applyAll}.
 */
final class OwnedObjectApplier {

  private final ModelDeployment md;
  private final Context<ModelDeployment> context;
  private final ResourceWriter writer;
  private final EventRecorder events;
  private final ResourceID primary;
  private final List<String> created = new ArrayList<>();
  private final List<String> updated = new ArrayList<>();
  private final List<String> deleted = new ArrayList<>();

  /** Event reasons of the writes. */
  static final String APPLIED = "Applied";

  static final String DRIFT_CORRECTED = "DriftCorrected";

  OwnedObjectApplier(
      ModelDeployment md,
      Context<ModelDeployment> context,
      ResourceWriter writer,
      EventRecorder events) {
    this.md = md;
    this.context = context;
    this.writer = writer;
    this.events = events;
    this.primary = ResourceID.fromResource(md);
  }

  /** The Deployments after the writes (null when absent). */
  record Applied(Deployment stable, Deployment canary) {}

  /** Applies every owned object; returns the Deployments as written. */
  Applied applyAll(DesiredObjects desired) {
    // First: pods that mount the token must find their Secret.
    applyFaultToken();
    Deployment desiredStable = desired.stable();
    boolean autoscaled = desired.autoscalerOwnsStableReplicas();
    Deployment current = cached(context, Deployment.class, desiredStable.getMetadata().getName());
    if (autoscaled && current != null && current.getSpec().getReplicas() != null) {
      // The HPA owns the replica count once the Deployment exists: keep what it set.
      desiredStable.getSpec().setReplicas(current.getSpec().getReplicas());
    }
    var stable =
        apply(
            Deployment.class,
            desiredStable,
            (target, wanted) -> {
              Integer replicas = target.getSpec().getReplicas();
              target.setSpec(wanted.getSpec());
              if (autoscaled && replicas != null) {
                target.getSpec().setReplicas(replicas); // the HPA owns replicas
              }
            });
    String canaryName = ModelDeploymentNames.canaryDeployment(md);
    Deployment canary = null;
    if (desired.canary().isPresent()) {
      canary =
          apply(
                  Deployment.class,
                  desired.canary().get(),
                  (target, wanted) -> target.setSpec(wanted.getSpec()))
              .resource();
    } else if (writer.delete(cached(context, Deployment.class, canaryName))) {
      deleted.add("Deployment " + canaryName + " (no release under way)");
    }
    Service desiredService = ServiceBuilder.build(md);
    writer.dropForeignPorts(
        cached(context, Service.class, desiredService.getMetadata().getName()), desiredService);
    apply(
        Service.class,
        desiredService,
        (target, wanted) -> {
          target.getSpec().setSelector(wanted.getSpec().getSelector());
          target.getSpec().setPorts(wanted.getSpec().getPorts());
          target.getSpec().setType(wanted.getSpec().getType());
        });
    for (String track : List.of(Labels.TRACK_STABLE, Labels.TRACK_CANARY)) {
      applyOrDelete(
          Service.class,
          ModelDeploymentNames.trackService(md, track),
          desired.trackServices()
              ? Optional.of(ServiceBuilder.buildTrack(md, track))
              : Optional.empty(),
          (target, wanted) -> {
            target.getSpec().setSelector(wanted.getSpec().getSelector());
            target.getSpec().setPorts(wanted.getSpec().getPorts());
            target.getSpec().setType(wanted.getSpec().getType());
          },
          "no GatewayAPI routing");
    }
    desired.route().ifPresent(this::applyRoute);
    applyOrDelete(
        PodDisruptionBudget.class,
        ModelDeploymentNames.podDisruptionBudget(md),
        PodDisruptionBudgetBuilder.build(md),
        (target, wanted) -> target.setSpec(wanted.getSpec()),
        "1 replica or fewer");
    applyOrDelete(
        HorizontalPodAutoscaler.class,
        ModelDeploymentNames.horizontalPodAutoscaler(md),
        desired.autoscalerSuspended() ? Optional.empty() : HorizontalPodAutoscalerBuilder.build(md),
        (target, wanted) -> target.setSpec(wanted.getSpec()),
        desired.autoscalerSuspended() ? "suspended while a release runs" : "autoscaling removed");
    recordWrites();
    return new Applied(stable.resource(), canary);
  }

  /**
   * Applies the HTTPRoute. It has no informer (the operator must start on clusters without the
   * Gateway API CRDs), so the route is read with a GET on every reconcile; one the operator does
   * not own is never taken over. Without server-side apply only {@code spec.rules} is replaced, so
   * parentRefs someone else set stay.
   */
  @SuppressWarnings("unchecked")
  private void applyRoute(GenericKubernetesResource desired) {
    GenericKubernetesResource existing =
        context
            .getClient()
            .genericKubernetesResources(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND)
            .inNamespace(desired.getMetadata().getNamespace())
            .withName(desired.getMetadata().getName())
            .get();
    if (existing != null && !ResourceWriter.ownedBySameOwner(existing, desired)) {
      throw new ResourceWriter.NameConflictException(desired, null);
    }
    var result =
        writer.apply(
            existing,
            desired,
            (target, wanted) -> {
              var spec =
                  (Map<String, Object>)
                      target
                          .getAdditionalProperties()
                          .computeIfAbsent("spec", k -> new HashMap<>());
              var wantedSpec = (Map<String, Object>) wanted.getAdditionalProperties().get("spec");
              spec.put("rules", wantedSpec.get("rules"));
            });
    if (result.outcome() != ResourceWriter.Outcome.UNCHANGED) {
      (result.outcome() == ResourceWriter.Outcome.CREATED ? created : updated)
          .add(HttpRouteBuilder.KIND + " " + desired.getMetadata().getName());
    }
  }

  /**
   * The fault token Secret ({@code spec.runtime.faultInjection.enabled}). Read with a GET, no
   * informer (an informer would need list and watch on every Secret). Created once with a fresh
   * random token and then left alone, so the token is never regenerated while the Secret exists
   * (its labels and owner are put back if edited, its data never); deleted when the opt-in is off.
   * One the operator does not own is never taken over. The token is never logged.
   */
  private void applyFaultToken() {
    String name = FaultInjection.secretName(md);
    Secret existing =
        context
            .getClient()
            .secrets()
            .inNamespace(md.getMetadata().getNamespace())
            .withName(name)
            .get();
    boolean enabled = FaultInjection.enabled(md);
    Secret probe = FaultInjection.secret(md, "");
    if (existing != null && !ResourceWriter.ownedBySameOwner(existing, probe)) {
      if (enabled) {
        throw new ResourceWriter.NameConflictException(probe, null);
      }
      return; // someone else's Secret: not ours to delete
    }
    if (!enabled) {
      if (writer.delete(existing)) {
        deleted.add("Secret " + name + " (fault injection off)");
      }
      return;
    }
    if (existing != null && FaultInjection.token(existing) != null) {
      return; // the token stays as long as the Secret exists
    }
    if (existing != null) {
      writer.delete(existing); // ours but without a token (edited): made anew below
    }
    var result =
        writer.apply(null, FaultInjection.secret(md, FaultInjection.newToken()), (a, b) -> {});
    if (result.outcome() != ResourceWriter.Outcome.UNCHANGED) {
      created.add("Secret " + name);
    }
  }

  /** The owned object of {@code type} named {@code name}, from the informer cache. */
  static <R extends HasMetadata> R cached(
      Context<ModelDeployment> context, Class<R> type, String name) {
    return context
        .getSecondaryResourcesAsStream(type)
        .filter(r -> name.equals(r.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  private <R extends HasMetadata> ResourceWriter.Result<R> apply(
      Class<R> type, R desired, BiConsumer<R, R> copySpec) {
    R existing = cached(context, type, desired.getMetadata().getName());
    var result = writer.apply(existing, desired, copySpec);
    if (result.outcome() != ResourceWriter.Outcome.UNCHANGED) {
      remember(type, result, existing);
      (result.outcome() == ResourceWriter.Outcome.CREATED ? created : updated)
          .add(desired.getKind() + " " + desired.getMetadata().getName());
    }
    return result;
  }

  private <R extends HasMetadata> void applyOrDelete(
      Class<R> type,
      String name,
      Optional<R> desired,
      BiConsumer<R, R> copySpec,
      String whyDeleted) {
    if (desired.isPresent()) {
      apply(type, desired.get(), copySpec);
    } else if (writer.delete(cached(context, type, name))) {
      deleted.add(HasMetadata.getKind(type) + " " + name + " (" + whyDeleted + ")");
    }
  }

  /**
   * One Event for all the writes of this reconcile: {@code Applied} when the spec changed (or the
   * objects are new), {@code DriftCorrected} when the spec did not change since the last reconcile
   * yet an owned object had to be put back (someone edited it by hand).
   */
  private void recordWrites() {
    if (created.isEmpty() && updated.isEmpty() && deleted.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (!created.isEmpty()) {
      parts.add("created " + String.join(", ", created));
    }
    if (!updated.isEmpty()) {
      parts.add("updated " + String.join(", ", updated));
    }
    if (!deleted.isEmpty()) {
      parts.add("deleted " + String.join(", ", deleted));
    }
    var status = md.getStatus();
    boolean specUnchanged =
        status != null
            && status.getObservedGeneration() != null
            && status.getObservedGeneration().equals(md.getMetadata().getGeneration());
    if (specUnchanged && created.isEmpty() && deleted.isEmpty()) {
      events.record(
          md,
          EventRecorder.WARNING,
          DRIFT_CORRECTED,
          "put back " + String.join(", ", updated) + " (edited outside the operator)");
    } else {
      events.record(md, EventRecorder.NORMAL, APPLIED, String.join("; ", parts));
    }
  }

  /** Feeds a write back into the informer cache so the next reconcile does not read stale data. */
  @SuppressWarnings("unchecked")
  private <R extends HasMetadata> void remember(
      Class<R> type, ResourceWriter.Result<R> result, R previous) {
    var source =
        (InformerEventSource<R, ModelDeployment>)
            context.eventSourceRetriever().getEventSourceFor(type);
    if (result.outcome() == ResourceWriter.Outcome.CREATED) {
      source.handleRecentResourceCreate(primary, result.resource());
    } else {
      source.handleRecentResourceUpdate(primary, result.resource(), previous);
    }
  }
}
