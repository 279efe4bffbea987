package io.modelops.operator.drill;

import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.InjectedFault;
import java.util.Optional;

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
   * Why this target cannot take {@code spec}'s fault although the engine can do it (a runtime fault
   * on a ModelDeployment that did not opt in); empty when it can. Asked before {@link #plan}.
   */
  default Optional<String> refusal(DrillRunSpec spec, Target target) {
    return Optional.empty();
  }

  /**
   * Picks the targets and describes the fault, with everything removal needs, injecting nothing:
   * the reconciler writes this into status before {@link #inject} is called.
   *
   * @param run the DrillRun's name (names the objects a fault creates)
   */
  InjectedFault plan(String run, DrillRunSpec spec, Target target);

  /** Injects the recorded fault. */
  void inject(String namespace, DrillRunSpec spec, InjectedFault fault, Target target);

  /**
   * Called on every reconcile while the injected fault is held (Observing): finishes what could not
   * be done at once (a NodeDrain eviction a PodDisruptionBudget refused). Idempotent.
   */
  default void sustain(String namespace, DrillRunSpec spec, InjectedFault fault, Target target) {}

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
