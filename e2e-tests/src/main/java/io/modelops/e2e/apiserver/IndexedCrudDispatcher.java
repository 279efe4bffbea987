package io.modelops.e2e.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fabric8's CRUD dispatcher with indexes by namespace and name, so that looking up one object
 * (every get, update, patch and create-conflict check) and listing one namespace no longer scan
 * every stored object. With thousands of objects stored the scans dominated the server's time.
 *
 * <p>The index mirrors the store's keys: it is updated in {@link #processEvent}, which the parent
 * calls for every change while holding its write lock.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private final Map<String, Set<AttributeSet>> byName = new ConcurrentHashMap<>();
  private final Map<String, Set<AttributeSet>> byNamespace = new ConcurrentHashMap<>();
  private final AtomicLong resourceVersion = parentResourceVersion();

  /** The parent's resourceVersion counter (private there), for list responses; null if absent. */
  private AtomicLong parentResourceVersion() {
    try {
      Field f = KubernetesCrudDispatcher.class.getDeclaredField("resourceVersion");
      f.setAccessible(true);
      return (AtomicLong) f.get(this);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    String key = indexKey(query);
    if (key == null) {
      return super.findResource(query);
    }
    for (AttributeSet candidate : byName.getOrDefault(key, Set.of())) {
      if (candidate.matches(query)) {
        String value = map.get(candidate);
        if (value != null) {
          return new AbstractMap.SimpleImmutableEntry<>(candidate, value);
        }
      }
    }
    return null;
  }

  @Override
  public MockResponse handleGet(String path) {
    if (path.contains("watch=true")) {
      return super.handleGet(path);
    }
    AttributeSet query = getKey(path);
    if (indexKey(query) == null) {
      String ns = single(query, KubernetesAttributesExtractor.NAMESPACE);
      boolean list = query.getAttribute(KubernetesAttributesExtractor.NAME) == null;
      return ns != null && list && resourceVersion != null
          ? listNamespace(ns, query)
          : super.handleGet(path);
    }
    Map.Entry<AttributeSet, String> found = findResource(query);
    return found == null
        ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
        : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
  }

  /** A list within one namespace, in name order like a real API server. */
  private MockResponse listNamespace(String namespace, AttributeSet query) {
    List<AttributeSet> keys = new ArrayList<>();
    for (AttributeSet candidate : byNamespace.getOrDefault(namespace, Set.of())) {
      if (candidate.matches(query)) {
        keys.add(candidate);
      }
    }
    keys.sort(
        Comparator.comparing(k -> String.valueOf(single(k, KubernetesAttributesExtractor.NAME))));
    List<String> items = new ArrayList<>(keys.size());
    for (AttributeSet k : keys) {
      String value = map.get(k);
      if (value != null) {
        items.add(value);
      }
    }
    String body =
        ((KubernetesResponseComposer) getResponseComposer())
            .compose(items, String.valueOf(resourceVersion.get()));
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(body);
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (oldAttributes != null) {
      remove(oldAttributes);
    }
    if (newState != null) {
      KubernetesAttributesExtractor extractor =
          (KubernetesAttributesExtractor) getAttributeExtractor();
      AttributeSet stored =
          resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
      if (!stored.containsKey(KubernetesAttributesExtractor.PLURAL)) {
        stored = AttributeSet.merge(pathAttributes, stored);
      }
      String key = indexKey(stored);
      if (key != null) {
        byName.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(stored);
        byNamespace
            .computeIfAbsent(
                single(stored, KubernetesAttributesExtractor.NAMESPACE),
                k -> ConcurrentHashMap.newKeySet())
            .add(stored);
      }
    }
  }

  private void remove(AttributeSet attributes) {
    String key = indexKey(attributes);
    if (key != null) {
      byName.computeIfPresent(
          key,
          (k, set) -> {
            set.remove(attributes);
            return set.isEmpty() ? null : set;
          });
      byNamespace.computeIfPresent(
          single(attributes, KubernetesAttributesExtractor.NAMESPACE),
          (k, set) -> {
            set.remove(attributes);
            return set.isEmpty() ? null : set;
          });
    }
  }

  @Override
  public void reset() {
    super.reset();
    byName.clear();
    byNamespace.clear();
  }

  /** {@code namespace/name} when both are plain equality attributes, else null. */
  private static String indexKey(AttributeSet attributes) {
    String ns = single(attributes, KubernetesAttributesExtractor.NAMESPACE);
    String name = single(attributes, KubernetesAttributesExtractor.NAME);
    return ns == null || name == null ? null : ns + "/" + name;
  }

  private static String single(AttributeSet attributes, String key) {
    Attribute a = attributes.getAttribute(key);
    if (a == null || a.getType() != AttributeType.WITH || a.getValues().size() != 1) {
      return null;
    }
    return a.getValues().get(0).toString();
  }
}
