package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.DrillTarget;
import io.modelops.api.v1alpha1.DrillTrack;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.drills.run.TargetState;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.PodStates;
import java.util.List;
import java.util.Map;

/** Reads a drill's target: the ModelDeployment and the pods of the targeted track. */
final class TargetReader {

  private TargetReader() {}

  static Target read(KubernetesClient client, String namespace, DrillTarget target) {
    ModelDeployment md =
        client
            .resources(ModelDeployment.class)
            .inNamespace(namespace)
            .withName(target.getModelDeployment())
            .get();
    if (md == null) {
      return new Target(null, TargetState.MISSING, List.of(), List.of());
    }
    DrillTrack track = target.getTrack() == null ? DrillTrack.Stable : target.getTrack();
    Map<String, String> selector =
        switch (track) {
          case Stable -> Labels.trackSelector(md, Labels.TRACK_STABLE);
          case Canary -> Labels.trackSelector(md, Labels.TRACK_CANARY);
          case All -> Labels.allTracksSelector(md);
        };
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
    List<Pod> ready = pods.stream().filter(PodStates::serving).toList();
    var status = md.getStatus();
    boolean mdReady = status != null && Conditions.isTrue(status.getConditions(), Reasons.READY);
    String release =
        status != null && status.getRelease() != null && status.getRelease().getPhase() != null
            ? status.getRelease().getPhase().name()
            : null;
    boolean canary = status != null && status.getCanary() != null;
    return new Target(
        md, new TargetState(true, mdReady, ready.size(), release, canary), pods, ready);
  }
}
