package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.modelops.operator.model.Annotations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Writes owned objects and corrects drift.
 *
 * <p>With server-side apply (the product's mode): the desired object is applied with the
 * controller's field manager and {@code force}, so the operator owns exactly the fields it sets and
 * takes them back from anyone who edited them by hand; fields set by others (a Service's clusterIP,
 * replicas an HPA set) are left alone. An object is written only when java-operator-sdk's
 * managed-fields matcher finds that the fields the operator owns differ from the desired ones, so a
 * steady state makes no write requests.
 *
 * <p>Without server-side apply (the fabric8 mock API server of the fast tests, which lacks it):
 * plain create and update, starting from the object on the server; an object is rewritten when its
 * spec hash differs or when it no longer contains every desired field ({@link DesiredSubset}).
 *
 * <p>Either way an object with the wanted name that the operator does not own is never taken over:
 * {@link NameConflictException}.
 */
final class ResourceWriter {

  /** What a write did. */
  enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /** The object after the write and what happened. */
  record Result<T extends HasMetadata>(T resource, Outcome outcome) {}

  private final KubernetesClient client;
  private final Context<?> context;
  private final boolean serverSideApply;
  private final String fieldManager;

  ResourceWriter(KubernetesClient client, Context<?> context) {
    this.client = client;
    this.context = context;
    var configuration = context.getControllerConfiguration();
    this.serverSideApply =
        configuration.getConfigurationService().ssaBasedCreateUpdateMatchForDependentResources();
    this.fieldManager = configuration.fieldManager();
  }

  /** True when owned objects are written with server-side apply. */
  boolean serverSideApply() {
    return serverSideApply;
  }

  /**
   * Creates {@code desired}, or brings {@code existing} (from the informer cache, null when absent)
   * back to it when it drifted.
   *
   * @param copySpec without server-side apply: copies the managed part of the spec from desired
   *     (second) into the copy of existing (first)
   */
  <T extends HasMetadata> Result<T> apply(T existing, T desired, BiConsumer<T, T> copySpec) {
    if (existing == null) {
      return create(desired);
    }
    if (matches(existing, desired)) {
      return new Result<>(existing, Outcome.UNCHANGED);
    }
    if (serverSideApply) {
      return new Result<>(serverSideApply(desired), Outcome.UPDATED);
    }
    T updated = client.getKubernetesSerialization().clone(existing);
    var metadata = updated.getMetadata();
    metadata.setLabels(merged(metadata.getLabels(), desired.getMetadata().getLabels()));
    metadata.setAnnotations(
        merged(metadata.getAnnotations(), desired.getMetadata().getAnnotations()));
    metadata.setOwnerReferences(desired.getMetadata().getOwnerReferences());
    copySpec.accept(updated, desired);
    return new Result<>(client.resource(updated).update(), Outcome.UPDATED);
  }

  private <T extends HasMetadata> boolean matches(T existing, T desired) {
    if (!Objects.equals(
        existing.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences())) {
      return false;
    }
    if (serverSideApply) {
      return SSABasedGenericKubernetesResourceMatcher.<T>getInstance()
          .matches(existing, desired, context);
    }
    var serialization = client.getKubernetesSerialization();
    return Objects.equals(hash(existing), hash(desired))
        && DesiredSubset.contains(
            serialization.convertValue(existing, com.fasterxml.jackson.databind.JsonNode.class),
            serialization.convertValue(desired, com.fasterxml.jackson.databind.JsonNode.class));
  }

  private <T extends HasMetadata> Result<T> create(T desired) {
    if (serverSideApply) {
      // Apply would silently adopt an object someone else made under this name: look first.
      HasMetadata found = client.resource(desired).get();
      if (found != null && !ownedBySameOwner(found, desired)) {
        throw new NameConflictException(desired, null);
      }
      return new Result<>(serverSideApply(desired), Outcome.CREATED);
    }
    try {
      return new Result<>(client.resource(desired).create(), Outcome.CREATED);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new NameConflictException(desired, e);
      }
      throw e;
    }
  }

  private <T extends HasMetadata> T serverSideApply(T desired) {
    return client.resource(desired).fieldManager(fieldManager).forceConflicts().serverSideApply();
  }

  static boolean ownedBySameOwner(HasMetadata found, HasMetadata desired) {
    List<OwnerReference> wanted = desired.getMetadata().getOwnerReferences();
    List<OwnerReference> present = found.getMetadata().getOwnerReferences();
    return wanted != null
        && present != null
        && wanted.stream()
            .anyMatch(w -> present.stream().anyMatch(p -> Objects.equals(p.getUid(), w.getUid())));
  }

  /**
   * Server-side apply merges lists by key, so a port someone added or renumbered by hand would stay
   * next to the operator's. The Service's ports are the operator's alone: when the Service holds a
   * port the desired one lacks, the list is replaced wholesale (JSON merge patch) before the next
   * apply takes ownership again. Without server-side apply the update replaces it anyway.
   */
  void dropForeignPorts(Service existing, Service desired) {
    if (!serverSideApply || existing == null || existing.getSpec().getPorts() == null) {
      return;
    }
    Set<String> wanted =
        desired.getSpec().getPorts().stream()
            .map(ResourceWriter::portKey)
            .collect(Collectors.toSet());
    if (existing.getSpec().getPorts().stream().allMatch(p -> wanted.contains(portKey(p)))) {
      return;
    }
    var serialization = client.getKubernetesSerialization();
    String patch =
        serialization.asJson(Map.of("spec", Map.of("ports", desired.getSpec().getPorts())));
    client
        .resource(existing)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(fieldManager)
                .build(),
            patch);
  }

  private static String portKey(ServicePort port) {
    return port.getPort() + "/" + (port.getProtocol() == null ? "TCP" : port.getProtocol());
  }

  /** Deletes {@code existing} if present; returns true when a delete was sent. */
  boolean delete(HasMetadata existing) {
    if (existing == null) {
      return false;
    }
    client.resource(existing).delete();
    return true;
  }

  /**
   * An object with the name the operator wants already exists but is not one of its own (not
   * labelled as managed, so not in the informer cache): the operator does not take it over.
   */
  static final class NameConflictException extends RuntimeException {
    private final transient HasMetadata wanted;

    NameConflictException(HasMetadata wanted, Throwable cause) {
      super(
          wanted.getKind()
              + " "
              + wanted.getMetadata().getNamespace()
              + "/"
              + wanted.getMetadata().getName()
              + " already exists and is not managed by the operator; rename or delete it",
          cause);
      this.wanted = wanted;
    }

    HasMetadata wanted() {
      return wanted;
    }
  }

  private static String hash(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Annotations.SPEC_HASH);
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
    Map<String, String> result = base == null ? new HashMap<>() : new HashMap<>(base);
    if (over != null) {
      result.putAll(over);
    }
    return result;
  }
}
