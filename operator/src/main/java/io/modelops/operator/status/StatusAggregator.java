package io.modelops.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modelops.api.v1alpha1.EndpointStatus;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.api.v1alpha1.TrackStatus;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ModelDeploymentNames;
import io.modelops.operator.model.ServiceBuilder;
import io.modelops.operator.release.ReleasePlan;
import io.modelops.operator.rollout.RolloutDecision;
import io.modelops.operator.rollout.RolloutState;
import io.modelops.operator.rollout.TrackObservation;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place that builds a ModelDeployment's status: starts from the previous status, adds what
 * this reconcile observed and decided, and keeps condition transition times unless a condition
 * flips. Pure apart from the injected clock.
 */
public final class StatusAggregator {

  private final Clock clock;

  public StatusAggregator(Clock clock) {
    this.clock = clock;
  }

  /**
   * The new status.
   *
   * @param md the ModelDeployment (its status is the previous status)
   * @param stable the stable Deployment as written or observed this reconcile
   * @param decision the rollout decision
   * @param problems every problem found this reconcile
   */
  public ModelDeploymentStatus aggregate(
      ModelDeployment md,
      TrackObservation stable,
      RolloutDecision decision,
      List<Problem> problems) {
    return aggregate(md, stable, TrackObservation.absent(), decision, null, problems);
  }

  /**
   * The new status with a release plan.
   *
   * @param canary the canary Deployment as written or observed
   * @param plan the release plan (null when the spec could not be resolved: status.release stays)
   */
  public ModelDeploymentStatus aggregate(
      ModelDeployment md,
      TrackObservation stable,
      TrackObservation canary,
      RolloutDecision decision,
      ReleasePlan plan,
      List<Problem> problems) {
    ModelDeploymentStatus previous =
        md.getStatus() == null ? new ModelDeploymentStatus() : md.getStatus();
    long generation =
        md.getMetadata().getGeneration() == null ? 0 : md.getMetadata().getGeneration();

    ModelDeploymentStatus status = new ModelDeploymentStatus();
    status.setObservedGeneration(generation);
    status.setRelease(plan == null ? previous.getRelease() : plan.status());
    status.setCanary(ReleaseView.canary(stable, canary));
    if (status.getCanary() != null && plan != null && plan.status() != null && routed(md)) {
      // GatewayAPI: the route's weights split the traffic, not the pod count.
      status.getCanary().setWeight(plan.routeWeight());
    }
    status.setLastAnalysis(previous.getLastAnalysis());
    // lastDrill belongs to the drill reconciler (its own field manager): not written here, so a
    // status write from a cache that has not seen the drill's write cannot put an old one back.

    TrackStatus track = trackStatus(stable, previous.getStable());
    status.setStable(track);
    status.setModel(ModelDeploymentNames.modelName(md));
    status.setReady(
        stable.exists() ? stable.readyReplicas() + "/" + stable.desiredReplicas() : null);
    status.setEndpoint(endpoint(md));
    // The scale subresource: pods of both tracks, and the selector that finds them.
    int pods =
        (stable.exists() ? stable.replicas() : 0)
            + (canary != null && canary.exists() ? canary.replicas() : 0);
    status.setReplicas(pods);
    status.setSelector(Labels.selector(Labels.allTracksSelector(md)));

    Condition ready = readyCondition(stable, track);
    Condition progressing =
        ReleaseView.active(status.getRelease())
            ? ReleaseView.progressing(status.getRelease())
            : Conditions.of(
                Reasons.PROGRESSING, decision.progressing(), decision.reason(), decision.message());
    Condition degraded = degradedCondition(problems);
    status.setConditions(
        Conditions.merge(
            previous.getConditions(),
            List.of(ready, progressing, degraded),
            generation,
            clock.instant()));
    status.setPhase(ReleaseView.phase(status.getRelease(), phase(stable, decision, problems)));
    return status;
  }

  private static TrackStatus trackStatus(TrackObservation stable, TrackStatus previous) {
    if (!stable.exists()) {
      return null;
    }
    TrackStatus track = new TrackStatus();
    // Version and revision name what serves: during a rollout that is still the previous one.
    boolean keepPrevious =
        !stable.rolledOut() && previous != null && previous.getRevision() != null;
    track.setVersion(keepPrevious ? previous.getVersion() : stable.version());
    track.setRevision(keepPrevious ? previous.getRevision() : stable.revision());
    track.setReplicas(stable.desiredReplicas());
    track.setReadyReplicas(stable.readyReplicas());
    track.setUpdatedReplicas(stable.updatedReplicas());
    return track;
  }

  private static EndpointStatus endpoint(ModelDeployment md) {
    EndpointStatus endpoint = new EndpointStatus();
    endpoint.setService(ServiceBuilder.dnsName(md));
    endpoint.setInferPath("/v2/models/" + ModelDeploymentNames.modelName(md) + "/infer");
    return endpoint;
  }

  private static Condition readyCondition(TrackObservation stable, TrackStatus track) {
    if (!stable.exists()) {
      return Conditions.of(
          Reasons.READY, false, Reasons.NOT_DEPLOYED, "the stable Deployment does not exist");
    }
    String counts = stable.readyReplicas() + "/" + stable.desiredReplicas() + " replicas ready";
    if (stable.desiredReplicas() == 0) {
      return Conditions.of(Reasons.READY, false, Reasons.SCALED_TO_ZERO, "scaled to 0 replicas");
    }
    if (stable.readyReplicas() >= stable.desiredReplicas()) {
      return Conditions.of(
          Reasons.READY,
          true,
          Reasons.STABLE_SERVING,
          // the version that serves: during a rollout still the previous one (see trackStatus)
          counts + ", serving version " + track.getVersion());
    }
    return Conditions.of(Reasons.READY, false, Reasons.REPLICAS_NOT_READY, counts);
  }

  private static Condition degradedCondition(List<Problem> problems) {
    if (problems.isEmpty()) {
      return Conditions.of(Reasons.DEGRADED, false, Reasons.AS_EXPECTED, "no problems found");
    }
    String message = problems.stream().map(Problem::message).collect(Collectors.joining("; "));
    return Conditions.of(Reasons.DEGRADED, true, problems.get(0).reason(), message);
  }

  private static Phase phase(
      TrackObservation stable, RolloutDecision decision, List<Problem> problems) {
    boolean serving = stable.exists() && stable.readyReplicas() > 0;
    if (!problems.isEmpty()) {
      return serving ? Phase.Degraded : Phase.Failed;
    }
    if (decision.state() == RolloutState.PAUSED) {
      return Phase.Paused;
    }
    if (decision.progressing()) {
      return serving ? Phase.Progressing : Phase.Pending;
    }
    return Phase.Healthy;
  }

  private static boolean routed(ModelDeployment md) {
    var release = md.getSpec().getRelease();
    return release != null
        && release.getCanary() != null
        && release.getCanary().getTrafficRouting()
            == io.modelops.api.v1alpha1.TrafficRouting.GatewayAPI;
  }
}
