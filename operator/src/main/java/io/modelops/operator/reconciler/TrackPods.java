package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.PodStates;
import java.util.List;
import java.util.Map;

/** The runtime pods of a ModelDeployment picked by track and state. Pure. */
final class TrackPods {

  private TrackPods() {}

  /** The pods labelled with {@code track} ({@link Labels#TRACK_STABLE} or canary). */
  static List<Pod> tracked(List<Pod> pods, String track) {
    return pods.stream().filter(p -> isTrack(p, track)).toList();
  }

  /** Pods that serve: Ready and not being deleted. */
  static List<Pod> ready(List<Pod> pods) {
    return pods.stream().filter(PodStates::serving).toList();
  }

  /** How many pods of {@code track} are being deleted. */
  static int terminating(List<Pod> pods, String track) {
    return (int)
        tracked(pods, track).stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() != null)
            .count();
  }

  private static boolean isTrack(Pod pod, String track) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && track.equals(labels.get(Labels.TRACK));
  }
}
