package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillTrack;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.operator.model.ModelDeploymentNames;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The Native engine: the operator injects faults itself, no daemon needed. Implemented: {@code
 * PodKill} (delete the selected pods with their own grace period; the Deployment replaces them) and
 * {@code ReplicaLoss} (mark N ready pods with {@value #DELETION_COST} -1000 so the ReplicaSet
 * removes those, then scale the track's Deployment down by N; the ModelDeployment reconciler owns
 * replicas and scales it back at once: that drift correction and the new pods' start-up are the
 * recovery being measured). Not yet: the runtime faults, NetworkPartition, NodeDrain.
 */
final class NativeEngine implements FaultEngine {

  /** Pod annotation the ReplicaSet controller uses to choose which pods go on a scale-down. */
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private final KubernetesClient client;
  private final RandomGenerator random;

  NativeEngine(KubernetesClient client, RandomGenerator random) {
    this.client = client;
    this.random = random;
  }

  @Override
  public String catalogue() {
    return "PodKill, ReplicaLoss of one track";
  }

  @Override
  public boolean supports(DrillRunSpec spec) {
    FaultType type = spec.getFault().getType();
    return type == FaultType.PodKill
        || (type == FaultType.ReplicaLoss && track(spec) != DrillTrack.All);
  }

  @Override
  public InjectedFault plan(String run, DrillRunSpec spec, Target target) {
    InjectedFault fault = new InjectedFault();
    fault.setType(spec.getFault().getType());
    if (spec.getFault().getType() == FaultType.ReplicaLoss) {
      int lose = Math.min(spec.getFault().getReplicas(), target.readyPods().size());
      fault.setTargets(
          target.readyPods().stream()
              .map(p -> p.getMetadata().getName())
              .sorted()
              .limit(lose)
              .toList());
      fault.setObject("Deployment/" + deployment(spec, target));
    } else {
      fault.setTargets(PodSelection.select(spec.getFault(), target.readyPods(), random));
    }
    return fault;
  }

  @Override
  public void inject(String namespace, DrillRunSpec spec, InjectedFault fault, Target target) {
    switch (fault.getType()) {
      case PodKill -> fault.getTargets().forEach(pod -> deletePod(namespace, pod));
      case ReplicaLoss -> loseReplicas(namespace, fault, target);
      default -> throw new UnsupportedOperationException(fault.getType() + " is not implemented");
    }
  }

  private void deletePod(String namespace, String name) {
    client.pods().inNamespace(namespace).withName(name).delete();
  }

  private void loseReplicas(String namespace, InjectedFault fault, Target target) {
    String name = fault.getObject().substring("Deployment/".length());
    var deployments = client.apps().deployments().inNamespace(namespace);
    var current = deployments.withName(name).get();
    if (current == null) {
      throw new IllegalStateException("Deployment " + name + " not found");
    }
    for (String pod : fault.getTargets()) {
      client
          .pods()
          .inNamespace(namespace)
          .withName(pod)
          .edit(p -> annotate(p, DELETION_COST, "-1000"));
    }
    int replicas = Objects.requireNonNullElse(current.getSpec().getReplicas(), 1);
    int scaled = Math.max(0, replicas - fault.getTargets().size());
    // A JSON merge patch of spec.replicas alone: the verb the operator already holds (patch), and
    // the ModelDeployment reconciler's server-side apply takes the field back.
    deployments
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + scaled + "}}");
  }

  private static Pod annotate(Pod pod, String key, String value) {
    if (pod.getMetadata().getAnnotations() == null) {
      pod.getMetadata().setAnnotations(new java.util.HashMap<>());
    }
    pod.getMetadata().getAnnotations().put(key, value);
    return pod;
  }

  @Override
  public boolean active(String namespace, InjectedFault fault) {
    if (fault.getType() == FaultType.PodKill || fault.getType() == FaultType.ReplicaLoss) {
      // Absorbed faults: active as long as a targeted pod still exists.
      return fault.getTargets().stream()
          .anyMatch(p -> client.pods().inNamespace(namespace).withName(p).get() != null);
    }
    return false;
  }

  /**
   * PodKill and ReplicaLoss leave nothing behind to remove: the Deployment replaces the pods, and
   * the ModelDeployment reconciler restores the replica count (drift correction).
   */
  @Override
  public void remove(String namespace, InjectedFault fault) {
    // nothing to undo
  }

  private static DrillTrack track(DrillRunSpec spec) {
    return spec.getTarget().getTrack() == null ? DrillTrack.Stable : spec.getTarget().getTrack();
  }

  private static String deployment(DrillRunSpec spec, Target target) {
    return track(spec) == DrillTrack.Canary
        ? ModelDeploymentNames.canaryDeployment(target.md())
        : ModelDeploymentNames.stableDeployment(target.md());
  }
}
