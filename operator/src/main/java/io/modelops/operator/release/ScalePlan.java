package io.modelops.operator.release;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which to move from one {@link ReplicaSplit} to another so that the two tracks
 * together never hold more than {@code maxPods} (N + maxSurgeReplicas) pods, and therefore GPUs, at
 * any moment, while keeping as much serving capacity as that budget allows.
 *
 * <p>The plan is a list of phases, each a split to apply; the caller applies a phase only once the
 * previous one is observed complete: new pods exist, and removed pods are gone, not merely
 * terminating (a terminating pod still holds its GPU until it exits). Within a phase each track
 * only grows or only shrinks, and never one of each, so the pod count at any moment lies between
 * the previous phase's total and the next one's. Phases:
 *
 * <ol>
 *   <li>grow: the tracks that grow take what the budget has left over the current split (the surge
 *       headroom), the canary first;
 *   <li>shrink: the tracks that shrink go down to their target;
 *   <li>grow: the growing tracks reach their target.
 * </ol>
 *
 * Phases that change nothing are left out; the last phase is the target. With no headroom (surge 0)
 * capacity dips by the shrinking track's step while phase 2 runs: that is the price of never
 * exceeding N, and why {@code maxSurgeReplicas} defaults to 1.
 */
public final class ScalePlan {

  private ScalePlan() {}

  /**
   * Phases from {@code from} to {@code to} within {@code maxPods}.
   *
   * @throws IllegalArgumentException when the target itself exceeds {@code maxPods}
   */
  public static List<ReplicaSplit> phases(ReplicaSplit from, ReplicaSplit to, int maxPods) {
    if (to.total() > maxPods) {
      throw new IllegalArgumentException("target " + to + " exceeds " + maxPods + " pods");
    }
    List<ReplicaSplit> phases = new ArrayList<>();
    int headroom = Math.max(0, maxPods - from.total());
    int canaryGrowth = Math.min(Math.max(0, to.canary() - from.canary()), headroom);
    int stableGrowth = Math.min(Math.max(0, to.stable() - from.stable()), headroom - canaryGrowth);
    ReplicaSplit grown =
        new ReplicaSplit(from.canary() + canaryGrowth, from.stable() + stableGrowth);
    add(phases, from, grown);
    ReplicaSplit shrunk =
        new ReplicaSplit(
            Math.min(grown.canary(), to.canary()), Math.min(grown.stable(), to.stable()));
    add(phases, grown, shrunk);
    add(phases, shrunk, to);
    return phases;
  }

  private static void add(List<ReplicaSplit> phases, ReplicaSplit previous, ReplicaSplit next) {
    if (!next.equals(previous)) {
      phases.add(next);
    }
  }
}
