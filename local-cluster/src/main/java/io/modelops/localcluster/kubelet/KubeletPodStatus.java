package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pod status a kubelet reports, from its containers: phase, the standard conditions (keeping
 * {@code lastTransitionTime} unless a condition flips, and keeping conditions others own such as
 * {@code PodScheduled} and readiness gates), IPs and container statuses. Pure.
 */
final class KubeletPodStatus {

  private static final Set<String> OWN =
      Set.of("PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready");

  private KubeletPodStatus() {}

  static PodStatus build(
      Pod pod,
      List<ContainerRunner> runners,
      String podIp,
      String hostIp,
      String setupProblem,
      Instant now) {
    List<ContainerStatus> containers = runners.stream().map(ContainerRunner::status).toList();
    boolean containersReady =
        !runners.isEmpty() && runners.stream().allMatch(ContainerRunner::ready);
    PodStatus previous = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    Map<String, PodCondition> old =
        previous.getConditions() == null
            ? Map.of()
            : previous.getConditions().stream()
                .collect(Collectors.toMap(PodCondition::getType, c -> c, (a, b) -> b));
    boolean gatesPass =
        pod.getSpec().getReadinessGates() == null
            || pod.getSpec().getReadinessGates().stream()
                .allMatch(
                    g ->
                        old.containsKey(g.getConditionType())
                            && "True".equals(old.get(g.getConditionType()).getStatus()));
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(old, "PodReadyToStartContainers", podIp != null, null, now));
    conditions.add(condition(old, "Initialized", true, null, now));
    conditions.add(
        condition(
            old,
            "ContainersReady",
            containersReady,
            containersReady ? null : "ContainersNotReady",
            now));
    conditions.add(
        condition(
            old,
            "Ready",
            containersReady && gatesPass,
            containersReady ? (gatesPass ? null : "ReadinessGatesNotReady") : "ContainersNotReady",
            now));
    old.values().stream().filter(c -> !OWN.contains(c.getType())).forEach(conditions::add);
    String startTime =
        previous.getStartTime() != null ? previous.getStartTime() : ContainerRunner.time(now);
    return new PodStatusBuilder()
        .withPhase(phase(runners))
        .withConditions(conditions)
        .withHostIP(hostIp)
        .withHostIPs(new io.fabric8.kubernetes.api.model.HostIP(hostIp))
        .withPodIP(podIp)
        .withPodIPs(podIp == null ? List.of() : List.of(new PodIP(podIp)))
        .withStartTime(startTime)
        .withQosClass(previous.getQosClass())
        .withMessage(setupProblem)
        .withContainerStatuses(containers)
        .build();
  }

  /**
   * Pending until every container has started once; Succeeded or Failed when all have terminated
   * for good (restart policy Never or OnFailure); Running otherwise.
   */
  static String phase(List<ContainerRunner> runners) {
    if (runners.stream().anyMatch(r -> !r.everStarted())) {
      return "Pending";
    }
    List<ContainerStatus> statuses = runners.stream().map(ContainerRunner::status).toList();
    boolean allTerminated = statuses.stream().allMatch(s -> s.getState().getTerminated() != null);
    if (allTerminated) {
      return statuses.stream().allMatch(s -> s.getState().getTerminated().getExitCode() == 0)
          ? "Succeeded"
          : "Failed";
    }
    return "Running";
  }

  private static PodCondition condition(
      Map<String, PodCondition> old, String type, boolean value, String reason, Instant now) {
    String status = value ? "True" : "False";
    PodCondition before = old.get(type);
    String since =
        before != null
                && status.equals(before.getStatus())
                && before.getLastTransitionTime() != null
            ? before.getLastTransitionTime()
            : ContainerRunner.time(now);
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withLastTransitionTime(since)
        .build();
  }
}
