package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.drills.run.TargetState;
import java.util.List;

/**
 * The target ModelDeployment as the drill sees it now.
 *
 * @param md the ModelDeployment, null when missing
 * @param state what the guards need
 * @param pods the targeted track's pods
 * @param readyPods of those, ready and not terminating
 */
record Target(ModelDeployment md, TargetState state, List<Pod> pods, List<Pod> readyPods) {}
