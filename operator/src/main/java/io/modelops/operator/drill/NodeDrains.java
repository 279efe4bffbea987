package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Which nodes a NodeDrain drill drains and which of them it cordons. Pure. */
final class NodeDrains {

  private NodeDrains() {}

  /** The nodes the {@code selected} pods run on, sorted, without repeats (unscheduled skipped). */
  static List<String> nodes(List<Pod> pods, Collection<String> selected) {
    Set<String> names = Set.copyOf(selected);
    return pods.stream()
        .filter(p -> names.contains(p.getMetadata().getName()))
        .map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * Of {@code nodes}, those this drill must cordon (and later uncordon): the ones that exist and
   * are not cordoned already. {@code current} maps a node name to the Node (absent: not found).
   */
  static List<String> toCordon(List<String> nodes, Map<String, Node> current) {
    return nodes.stream()
        .filter(n -> current.get(n) != null)
        .filter(n -> !cordoned(current.get(n)))
        .toList();
  }

  static boolean cordoned(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }
}
