package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.StableDeploymentBuilder;
import io.modelops.operator.testing.ModelDeployments;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadInspectorTest {

  final Deployment deployment =
      StableDeploymentBuilder.build(
          ModelDeployments.sample("ns", "ctr", 2), OperatorSettings.defaults());
  final String revision = StableDeploymentBuilder.revisionOf(deployment);

  static Pod pod(String name, String revision, String waitingReason) {
    var status = new ContainerStatusBuilder().withName("inference-runtime").withImage("img:1");
    if (waitingReason != null) {
      status
          .withNewState()
          .withNewWaiting()
          .withReason(waitingReason)
          .withMessage("m")
          .endWaiting()
          .endState();
    } else {
      status.withNewState().withNewRunning().endRunning().endState();
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(Labels.REVISION, revision)
        .endMetadata()
        .withNewStatus()
        .withContainerStatuses(status.build())
        .endStatus()
        .build();
  }

  @Test
  void healthyPodsHaveNoProblems() {
    assertEquals(
        List.of(), WorkloadInspector.inspect(deployment, List.of(pod("a", revision, null))));
    assertEquals(List.of(), WorkloadInspector.inspect(null, List.of()));
  }

  @Test
  void imagePullFailuresOfCurrentPodsNameTheImage() {
    List<Problem> problems =
        WorkloadInspector.inspect(
            deployment,
            List.of(pod("a", revision, "ImagePullBackOff"), pod("b", revision, "ErrImagePull")));
    assertEquals(1, problems.size(), "one problem per reason");
    assertEquals(Reasons.IMAGE_PULL_FAILED, problems.get(0).reason());
    assertTrue(problems.get(0).message().contains("img:1"));
    assertTrue(problems.get(0).message().contains("pod a"));
  }

  @Test
  void podsOfOtherRevisionsAreIgnored() {
    assertEquals(
        List.of(),
        WorkloadInspector.inspect(deployment, List.of(pod("old", "other", "CrashLoopBackOff"))));
  }

  @Test
  void crashLoopAndDeploymentConditions() {
    Deployment stuck =
        new DeploymentBuilder(deployment)
            .withNewStatus()
            .withConditions(
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet ctr-stable-1 has timed out progressing.")
                    .build(),
                new DeploymentConditionBuilder()
                    .withType("ReplicaFailure")
                    .withStatus("True")
                    .withReason("FailedCreate")
                    .withMessage("exceeded quota")
                    .build())
            .endStatus()
            .build();
    List<String> reasons =
        WorkloadInspector.inspect(stuck, List.of(pod("a", revision, "CrashLoopBackOff"))).stream()
            .map(Problem::reason)
            .toList();
    assertEquals(
        List.of(Reasons.CRASH_LOOP, Reasons.PROGRESS_DEADLINE_EXCEEDED, Reasons.REPLICA_FAILURE),
        reasons);
  }

  @Test
  void containerCreatingIsNotAProblem() {
    assertEquals(
        List.of(),
        WorkloadInspector.inspect(deployment, List.of(pod("a", revision, "ContainerCreating"))));
  }

  static final String MISMATCH =
      "model load failed: sha256 mismatch for /models/x.onnx: expected 3f9a, got 9b2e";

  /** A runtime container in CrashLoopBackOff whose last run ended with this code and message. */
  static Pod crashedPod(String name, String revision, int exitCode, String message) {
    Pod pod = pod(name, revision, "CrashLoopBackOff");
    pod.getStatus()
        .getContainerStatuses()
        .get(0)
        .setLastState(
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withMessage(message)
                .withReason("Error")
                .endTerminated()
                .build());
    return pod;
  }

  @Test
  void modelLoadFailureTakesPrecedenceOverCrashLoopWithTheRuntimesWords() {
    List<Problem> problems =
        WorkloadInspector.inspect(deployment, List.of(crashedPod("a", revision, 3, MISMATCH)));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(Reasons.MODEL_LOAD_FAILED, problems.get(0).reason());
    assertEquals("pod a: " + MISMATCH, problems.get(0).message());
  }

  @Test
  void modelLoadFailureFromTheCurrentStateOrFromTheExitCodeAlone() {
    Pod terminated = pod("t", revision, null);
    terminated
        .getStatus()
        .getContainerStatuses()
        .get(0)
        .setState(
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(3)
                .withMessage(MISMATCH + "\n")
                .endTerminated()
                .build());
    assertEquals(
        "pod t: " + MISMATCH,
        WorkloadInspector.inspect(deployment, List.of(terminated)).get(0).message());
    List<Problem> noMessage =
        WorkloadInspector.inspect(deployment, List.of(crashedPod("n", revision, 3, null)));
    assertEquals(Reasons.MODEL_LOAD_FAILED, noMessage.get(0).reason());
    assertTrue(noMessage.get(0).message().contains("exited with code 3"));
    // the message from the logs (FallbackToLogsOnError) still names the reason
    List<Problem> fromLogs =
        WorkloadInspector.inspect(
            deployment,
            List.of(crashedPod("l", revision, 3, "2026 INFO [model] loading\n" + MISMATCH)));
    assertEquals("pod l: " + MISMATCH, fromLogs.get(0).message());
  }

  /** The runtime's own termination message for a refused signature, built by its own code. */
  @Test
  void aRefusedModelSignatureIsAModelLoadFailureWithTheRuntimesWords() {
    String message =
        io.modelops.runtime.lifecycle.LoadFailure.message(
            io.modelops.runtime.model.SignatureVerifier.FAILED
                + "no key in /etc/modelops/signing-keys (2 keys) verifies /mnt/models/ctr.onnx");
    assertTrue(message.startsWith("model load failed: model signature verification failed: "));
    List<Problem> problems =
        WorkloadInspector.inspect(deployment, List.of(crashedPod("s", revision, 3, message)));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(Reasons.MODEL_LOAD_FAILED, problems.get(0).reason());
    assertEquals("pod s: " + message, problems.get(0).message());
  }

  @Test
  void otherCrashesStayCrashLoopAndOldRevisionsAreIgnored() {
    List<Problem> other =
        WorkloadInspector.inspect(deployment, List.of(crashedPod("a", revision, 137, "OOMKilled")));
    assertEquals(Reasons.CRASH_LOOP, other.get(0).reason());
    assertEquals(
        List.of(),
        WorkloadInspector.inspect(deployment, List.of(crashedPod("old", "other", 3, MISMATCH))));
  }
}
