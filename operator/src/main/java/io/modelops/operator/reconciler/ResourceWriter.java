package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelops.operator.model.Annotations;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Writes owned objects with plain create and update (no server-side apply, so the mock API server
 * and a real one behave alike). An object whose {@link Annotations#SPEC_HASH} and owner match the
 * desired one is left alone; an update starts from the object on the server and replaces only what
 * the operator manages, so fields set by others (a Service's clusterIP, the Deployment controller's
 * annotations, replicas an HPA set) survive.
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

  ResourceWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Creates {@code desired}, or updates {@code existing} to it when the spec hash differs.
   *
   * @param copySpec copies the managed part of the spec from desired (second) into the copy of
   *     existing (first)
   */
  <T extends HasMetadata> Result<T> apply(T existing, T desired, BiConsumer<T, T> copySpec) {
    if (existing == null) {
      try {
        return new Result<>(client.resource(desired).create(), Outcome.CREATED);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409) {
          throw new NameConflictException(desired, e);
        }
        throw e;
      }
    }
    if (Objects.equals(hash(existing), hash(desired))
        && Objects.equals(
            existing.getMetadata().getOwnerReferences(),
            desired.getMetadata().getOwnerReferences())) {
      return new Result<>(existing, Outcome.UNCHANGED);
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
