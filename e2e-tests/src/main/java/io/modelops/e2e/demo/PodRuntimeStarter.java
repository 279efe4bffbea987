package io.modelops.e2e.demo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.PodOutcome;
import io.modelops.operator.testing.PodStarter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the fake kubelet ({@link FakeKubeController}'s {@link PodStarter} hook) to a {@link
 * PodRuntime}: a created pod starts its stand-in, and the pod's {@code Ready} condition follows the
 * stand-in's readiness, checked every {@code pollInterval}, both ways.
 */
public final class PodRuntimeStarter implements PodStarter, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PodRuntimeStarter.class);

  private record Tracked(String namespace, String name, FakeKubeController controller) {}

  private final PodRuntime runtime;
  private final Map<Tracked, Boolean> lastReady = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pod-readiness");
            t.setDaemon(true);
            return t;
          });

  public PodRuntimeStarter(PodRuntime runtime, Duration pollInterval) {
    this.runtime = runtime;
    long ms = pollInterval.toMillis();
    poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public PodOutcome started(Pod pod, Deployment owner, FakeKubeController controller) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    runtime.start(pod);
    boolean ready = runtime.ready(ns, name);
    lastReady.put(new Tracked(ns, name, controller), ready);
    return ready ? PodOutcome.READY : PodOutcome.STARTING;
  }

  @Override
  public void stopped(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    lastReady.keySet().removeIf(t -> t.namespace().equals(ns) && t.name().equals(name));
    runtime.stop(ns, name);
  }

  private void poll() {
    lastReady.forEach(
        (t, was) -> {
          try {
            boolean now = runtime.ready(t.namespace(), t.name());
            if (now != was && lastReady.replace(t, was, now)) {
              LOG.info("pod {}/{} is {}", t.namespace(), t.name(), now ? "ready" : "not ready");
              t.controller().setPodReady(t.namespace(), t.name(), now);
            }
          } catch (RuntimeException e) {
            LOG.warn("readiness check of {}/{} failed: {}", t.namespace(), t.name(), e.toString());
          }
        });
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
