package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.FaultMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which of the track's ready pods a fault hits: One (at random), a Fraction (rounded up) or All.
 */
final class PodSelection {

  private PodSelection() {}

  static List<String> select(DrillFault fault, List<Pod> ready, RandomGenerator random) {
    List<String> names =
        new ArrayList<>(ready.stream().map(p -> p.getMetadata().getName()).sorted().toList());
    int count = count(fault, names.size());
    List<String> chosen = new ArrayList<>();
    while (chosen.size() < count) {
      chosen.add(names.remove(random.nextInt(names.size())));
    }
    chosen.sort(Comparator.naturalOrder());
    return chosen;
  }

  /** How many of {@code available} pods. */
  static int count(DrillFault fault, int available) {
    if (available == 0) {
      return 0;
    }
    FaultMode mode = fault.getMode() == null ? FaultMode.One : fault.getMode();
    return switch (mode) {
      case One -> 1;
      case All -> available;
      case Fraction ->
          Math.min(
              available,
              Math.max(1, (int) Math.ceil(Double.parseDouble(fault.getFraction()) * available)));
    };
  }
}
