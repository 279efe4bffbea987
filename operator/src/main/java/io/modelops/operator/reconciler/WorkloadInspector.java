package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.Labels;
import io.modelops.operator.rollout.TrackObservation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what keeps a track's workload from progressing, from the Deployment's conditions and the
 * container states of its pods on the current revision. Pure.
 */
public final class WorkloadInspector {

  private static final Set<String> IMAGE_PULL_REASONS =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");

  private WorkloadInspector() {}

  /**
   * Problems of {@code deployment} (may be null) whose current-revision pods are in {@code pods}.
   */
  public static List<Problem> inspect(Deployment deployment, List<Pod> pods) {
    if (deployment == null) {
      return List.of();
    }
    String revision = TrackObservation.of(deployment).revision();
    Map<String, Problem> problems = new LinkedHashMap<>();
    for (Pod pod : pods) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (revision != null && (labels == null || !revision.equals(labels.get(Labels.REVISION)))) {
        continue;
      }
      for (ContainerStatus container : containerStatuses(pod)) {
        var loadFailure = ModelLoadFailures.reason(container);
        if (loadFailure.isPresent()) {
          // the runtime's own words beat a generic CrashLoopBackOff for the same pod
          problems.putIfAbsent(
              Reasons.MODEL_LOAD_FAILED,
              Problem.observed(
                  Reasons.MODEL_LOAD_FAILED,
                  "pod " + pod.getMetadata().getName() + ": " + loadFailure.get()));
          continue;
        }
        var waiting = container.getState() == null ? null : container.getState().getWaiting();
        if (waiting == null || waiting.getReason() == null) {
          continue;
        }
        String reason = waiting.getReason();
        if (IMAGE_PULL_REASONS.contains(reason)) {
          problems.putIfAbsent(
              Reasons.IMAGE_PULL_FAILED,
              Problem.observed(
                  Reasons.IMAGE_PULL_FAILED,
                  "pod "
                      + pod.getMetadata().getName()
                      + " cannot pull image "
                      + container.getImage()
                      + " ("
                      + reason
                      + detail(waiting.getMessage())
                      + ")"));
        } else if (Reasons.CRASH_LOOP.equals(reason)) {
          problems.putIfAbsent(
              Reasons.CRASH_LOOP,
              Problem.observed(
                  Reasons.CRASH_LOOP,
                  "pod "
                      + pod.getMetadata().getName()
                      + " container "
                      + container.getName()
                      + " keeps crashing"
                      + detail(waiting.getMessage())));
        }
      }
    }
    TrackObservation.condition(deployment, "Progressing")
        .filter(c -> "False".equals(c.getStatus()))
        .filter(c -> Reasons.PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason()))
        .ifPresent(
            c ->
                problems.putIfAbsent(
                    Reasons.PROGRESS_DEADLINE_EXCEEDED,
                    Problem.observed(
                        Reasons.PROGRESS_DEADLINE_EXCEEDED,
                        "Deployment "
                            + deployment.getMetadata().getName()
                            + " exceeded its progress deadline"
                            + detail(c.getMessage()))));
    TrackObservation.condition(deployment, "ReplicaFailure")
        .filter(c -> "True".equals(c.getStatus()))
        .ifPresent(
            c ->
                problems.putIfAbsent(
                    Reasons.REPLICA_FAILURE,
                    Problem.observed(
                        Reasons.REPLICA_FAILURE,
                        "Deployment "
                            + deployment.getMetadata().getName()
                            + " cannot create pods"
                            + detail(c.getMessage()))));
    return new ArrayList<>(problems.values());
  }

  private static List<ContainerStatus> containerStatuses(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return List.of();
    }
    return pod.getStatus().getContainerStatuses();
  }

  private static String detail(String message) {
    return message == null || message.isBlank() ? "" : ": " + message;
  }
}
