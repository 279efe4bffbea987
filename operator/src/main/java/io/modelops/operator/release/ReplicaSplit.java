package io.modelops.operator.release;

/**
 * How many pods the canary and the stable track run at one canary step, when traffic is split by
 * replica ratio behind one Service and every pod holds a scarce GPU: the canary must not need a
 * second copy of the fleet, so the stable track gives up pods as the canary gains them, and at most
 * {@code maxSurgeReplicas} pods ever run on top of the desired replicas.
 *
 * <p>For desired replicas N ≥ 0, weight w in 0..100 and surge s ≥ 0 ({@link #forStep}):
 *
 * <ul>
 *   <li>w = 0: canary 0, stable N. w = 100: canary N, stable 0.
 *   <li>0 &lt; w &lt; 100 (and N ≥ 1): canary = ⌈w·N/100⌉ (rounded up, so a non-zero weight never
 *       means zero canary pods), at least 1, but at most N and at most N + s − 1 so that one stable
 *       pod is left to serve the other (100 − w)%; stable = min(N, N + s − canary). Only when N + s
 *       = 1 (one replica, no surge) is there no room for both: the canary takes the only pod, and
 *       {@link #effectiveWeight} says so (1.0).
 * </ul>
 *
 * Hence at every step: canary + stable ≤ N + s (GPU budget), canary + stable ≥ N (serving capacity
 * never below the desired replicas), canary grows and stable shrinks with the weight. The weight
 * actually served is canary / (canary + stable) ({@link #effectiveWeight}), which differs from w
 * when N does not divide evenly or the surge keeps stable at N.
 *
 * <p>Moving between two splits in an order that keeps the budget at every moment is {@link
 * ScalePlan}'s job.
 */
public record ReplicaSplit(int canary, int stable) {

  public ReplicaSplit {
    if (canary < 0 || stable < 0) {
      throw new IllegalArgumentException("replicas cannot be negative: " + canary + "/" + stable);
    }
  }

  /**
   * The split for a step of {@code weightPercent} with {@code replicas} desired pods and at most
   * {@code maxSurgeReplicas} extra pods (rules in the type's Javadoc).
   */
  public static ReplicaSplit forStep(int replicas, int weightPercent, int maxSurgeReplicas) {
    if (replicas < 0 || maxSurgeReplicas < 0) {
      throw new IllegalArgumentException(
          "replicas and maxSurgeReplicas must be ≥ 0: " + replicas + ", " + maxSurgeReplicas);
    }
    if (weightPercent < 0 || weightPercent > 100) {
      throw new IllegalArgumentException("weight must be within 0-100: " + weightPercent);
    }
    if (weightPercent == 0 || replicas == 0) {
      return new ReplicaSplit(0, replicas);
    }
    if (weightPercent == 100) {
      return new ReplicaSplit(replicas, 0);
    }
    int budget = replicas + maxSurgeReplicas;
    int share = (weightPercent * replicas + 99) / 100;
    int canary = Math.max(1, Math.min(share, Math.min(replicas, budget - 1)));
    return new ReplicaSplit(canary, Math.min(replicas, budget - canary));
  }

  /** All pods of both tracks. */
  public int total() {
    return canary + stable;
  }

  /** The share of traffic the canary actually serves (0..1); NaN when there are no pods at all. */
  public double effectiveWeight() {
    return total() == 0 ? Double.NaN : (double) canary / total();
  }
}
