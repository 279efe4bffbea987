package io.modelops.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Plays the kubelet for the pods {@link FakeKubeController} creates. The default marks every pod
 * ready at once; the local demo plugs in one that starts a real inference-runtime process per pod
 * and reports readiness when the process is ready.
 */
public interface PodStarter {

  /** Marks every pod ready immediately. */
  PodStarter READY = (pod, owner, controller) -> PodOutcome.READY;

  /**
   * Called after the pod object was created (it already has its name, labels and spec).
   *
   * @return how the pod comes up; {@link PodOutcome#STARTING} leaves it unready until {@link
   *     FakeKubeController#setPodReady} is called
   */
  PodOutcome started(Pod pod, Deployment owner, FakeKubeController controller);

  /**
   * Called after the pod object was deleted: by the fake (scale-down, rollout, Deployment deleted)
   * or by someone else (a test or a drill deleting the pod).
   */
  default void stopped(Pod pod) {}
}
