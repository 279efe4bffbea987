package io.modelops.e2e.demo;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.util.Optional;

/**
 * What stands in for a pod's containers once the fake kube-controller-manager has created the pod:
 * nothing ({@link FakePodRuntime}, containers are "ready" at once) or a real process on this
 * machine ({@link ProcessPodRuntime}). The pod's {@code Ready} condition follows {@link #ready}.
 *
 * <p>New stand-ins (a container runtime, a remote machine) implement this interface; the demo and
 * the tests only talk to it.
 */
public interface PodRuntime extends AutoCloseable {

  /** The pod was created: start its containers (must not block for long). */
  void start(Pod pod);

  /** The pod was deleted: stop its containers. Unknown pods are ignored. */
  void stop(String namespace, String name);

  /** Whether the pod's containers pass their readiness check now. */
  boolean ready(String namespace, String name);

  /** Where the pod's {@code http} port can be reached from this machine, when it can. */
  Optional<URI> endpoint(String namespace, String name);

  /** Stops everything that was started. */
  @Override
  void close();
}
