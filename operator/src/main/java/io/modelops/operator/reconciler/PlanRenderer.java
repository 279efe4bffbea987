package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.HttpRouteBuilder;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.PodTemplates;
import io.modelops.operator.model.ResolvedSpec;
import io.modelops.operator.model.StableDeploymentBuilder;
import io.modelops.operator.model.TrackDeploymentBuilder;
import io.modelops.operator.release.ReleasePlan;
import io.modelops.operator.release.TrackPlan;
import java.util.List;
import java.util.Optional;

/** Renders a {@link ReleasePlan} into Deployments with the pure builders. No client. */
final class PlanRenderer {

  private PlanRenderer() {}

  /**
   * The Deployments of {@code plan}.
   *
   * @param stable the stable Deployment as observed (null when absent): its template, when kept
   * @param canary the canary Deployment as observed (null when absent)
   */
  static DesiredObjects render(
      ResolvedSpec spec,
      OperatorSettings settings,
      ReleasePlan plan,
      Deployment stable,
      Deployment canary) {
    if (plan.status() == null) { // RollingUpdate
      return new DesiredObjects(
          StableDeploymentBuilder.build(spec, settings),
          Optional.empty(),
          spec.autoscaled(),
          false,
          false,
          Optional.empty());
    }
    boolean release = plan.releaseActive();
    Deployment desiredStable =
        TrackDeploymentBuilder.build(
            spec,
            settings,
            Labels.TRACK_STABLE,
            template(spec, settings, plan.stable(), stable, Labels.TRACK_STABLE),
            plan.stable().replicas(),
            release || !spec.autoscaled());
    Optional<Deployment> desiredCanary =
        plan.canary()
            .map(
                track ->
                    TrackDeploymentBuilder.build(
                        spec,
                        settings,
                        Labels.TRACK_CANARY,
                        template(spec, settings, track, canary, Labels.TRACK_CANARY),
                        track.replicas(),
                        true));
    var gateway = spec.canary().flatMap(c -> c.gateway());
    boolean routable = gateway.isPresent() && spec.canary().get().blocked().isEmpty();
    return new DesiredObjects(
        desiredStable,
        desiredCanary,
        spec.autoscaled() && !release,
        release && spec.autoscaled(),
        gateway.isPresent(),
        routable
            ? Optional.of(
                HttpRouteBuilder.build(
                    spec.md(),
                    plan.greyRouted()
                        ? gateway.get()
                        : new CanaryRelease.GatewayRoute(gateway.get().httpRoute(), List.of()),
                    plan.routeWeight()))
            : Optional.empty());
  }

  private static PodTemplateSpec template(
      ResolvedSpec spec,
      OperatorSettings settings,
      TrackPlan track,
      Deployment observed,
      String trackName) {
    if (track.template() == TrackPlan.Template.OBSERVED
        && observed != null
        && observed.getSpec() != null
        && observed.getSpec().getTemplate() != null
        && StableDeploymentBuilder.revisionOf(observed) != null) {
      return observed.getSpec().getTemplate();
    }
    return PodTemplates.build(spec, settings, trackName);
  }
}
