package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.InjectedFault;

/**
 * Injects and removes one fault of the catalogue. Every method is idempotent: after an operator
 * restart the reconciler calls them again with what status recorded.
 */
interface FaultEngine {

  /** The faults this engine does, for messages ("PodKill, ReplicaLoss"). */
  String catalogue();

  /** Whether this engine can inject {@code spec}'s fault. */
  boolean supports(DrillRunSpec spec);

  /**
   * Picks the targets (pods) and describes the fault, injecting nothing: the reconciler writes this
   * into status before {@link #inject} is called. {@code run} is the DrillRun's name (engines that
   * create objects name them after it).
   */
  InjectedFault plan(String run, DrillRunSpec spec, Target target);

  /** Injects the recorded fault. */
  void inject(String namespace, DrillRunSpec spec, InjectedFault fault, Target target);

  /** Whether the fault is still in place (false when removed or when it removes itself). */
  boolean active(String namespace, InjectedFault fault);

  /**
   * Whether {@link #active} is the injecting system's own report (Chaos Mesh's {@code
   * AllInjected}), which the reconciler waits for and records as {@code confirmedTime}; false when
   * the engine injects by itself (its {@link #inject} returning is the injection).
   */
  default boolean reportsInjection() {
    return false;
  }

  /** Removes the fault; a fault already gone is fine. */
  void remove(String namespace, InjectedFault fault);
}
