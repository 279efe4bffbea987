package io.modelops.e2e.demo;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Pods without processes: ready as soon as they are created (used by the benchmark). */
public final class FakePodRuntime implements PodRuntime {

  private final Set<String> pods = ConcurrentHashMap.newKeySet();

  @Override
  public void start(Pod pod) {
    pods.add(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
  }

  @Override
  public void stop(String namespace, String name) {
    pods.remove(key(namespace, name));
  }

  @Override
  public boolean ready(String namespace, String name) {
    return pods.contains(key(namespace, name));
  }

  @Override
  public Optional<URI> endpoint(String namespace, String name) {
    return Optional.empty();
  }

  @Override
  public void close() {
    pods.clear();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
