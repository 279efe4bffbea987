package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the target is back: at least the baseline number of ready pods, not counting the pods a
 * PodKill deleted (a killed pod still shown ready a moment behind is not a recovery), and the
 * latest probe succeeded.
 */
final class Recovery {

  /**
   * Faults whose targets are surely taken away by the operator itself: those pods never count as
   * recovered. Not ReplicaLoss: there the ReplicaSet picks the pods (the deletion cost is a hint),
   * and when the ModelDeployment reconciler restores the count first, the marked pods stay.
   */
  private static final Set<FaultType> KILLING = Set.of(FaultType.PodKill, FaultType.NodeDrain);

  private Recovery() {}

  static boolean recovered(
      Integer baseline, List<Pod> readyPods, List<InjectedFault> faults, boolean probeHealthy) {
    if (baseline == null || !probeHealthy) {
      return false;
    }
    Set<String> hit = new HashSet<>();
    if (faults != null) {
      faults.stream()
          .filter(f -> f.getTargets() != null && KILLING.contains(f.getType()))
          .forEach(f -> hit.addAll(f.getTargets()));
    }
    long fresh = readyPods.stream().filter(p -> !hit.contains(p.getMetadata().getName())).count();
    return fresh >= baseline;
  }
}
