package io.modelops.operator.testing;

/** How a pod the fake kubelet created comes up. */
public enum PodOutcome {
  /** Running and ready at once. */
  READY,
  /** Running, not ready yet: call {@link FakeKubeController#setPodReady} when it is. */
  STARTING,
  /** The image cannot be pulled: waiting in ImagePullBackOff, never ready. */
  IMAGE_PULL_BACKOFF,
  /** The container keeps exiting: waiting in CrashLoopBackOff, never ready. */
  CRASH_LOOP_BACKOFF
}
