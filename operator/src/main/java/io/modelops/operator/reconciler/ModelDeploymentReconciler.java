package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.event.EventRecorder;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ModelDeploymentNames;
import io.modelops.operator.model.PodTemplates;
import io.modelops.operator.model.ResolvedSpec;
import io.modelops.operator.model.SpecResolver;
import io.modelops.operator.podmetrics.AnalysisSourceRouter;
import io.modelops.operator.podmetrics.ServingDevices;
import io.modelops.operator.release.AnalysisRequest;
import io.modelops.operator.release.AnalysisSource;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.release.ReleaseClock;
import io.modelops.operator.release.ReleaseInput;
import io.modelops.operator.release.ReleaseMachine;
import io.modelops.operator.release.ReleaseObservation;
import io.modelops.operator.release.ReleasePlan;
import io.modelops.operator.rollout.RolloutDecision;
import io.modelops.operator.rollout.RolloutInput;
import io.modelops.operator.rollout.RolloutStrategy;
import io.modelops.operator.rollout.TrackObservation;
import io.modelops.operator.status.StatusAggregator;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a ModelDeployment: observe (informer caches), check the spec, ask the release machine,
 * render and apply the desired objects, decide the rollout state, aggregate the status, then write
 * it ({@link StatusWriter}) and say when to look again ({@link ReconcileSchedule}). Keeps no state
 * between reconciles.
 */
@ControllerConfiguration(name = ModelDeploymentReconciler.NAME)
// Most failures are write conflicts with a cache a moment behind: retry soon, then back off, and
// never give up (-1): with a bounded count a ModelDeployment whose reconciles failed for a few
// minutes (API server overloaded, connections dropped) was never reconciled again until its next
// event, while its status still said "retrying" (seen in the real-API convergence benchmark).
@GradualRetry(
    maxAttempts = -1,
    initialInterval = 250,
    intervalMultiplier = 2.0,
    maxInterval = 60_000)
public class ModelDeploymentReconciler implements Reconciler<ModelDeployment> {

  /** Controller name (used in configuration keys). */
  public static final String NAME = "modeldeployment";

  /** Kinds the reconciler creates, updates and deletes (all owned by the ModelDeployment). */
  public static final List<Class<? extends HasMetadata>> OWNED_KINDS =
      List.of(
          Deployment.class,
          Service.class,
          PodDisruptionBudget.class,
          HorizontalPodAutoscaler.class);

  /** Kinds it only watches (informers): the runtime pods, for their container states. */
  public static final List<Class<? extends HasMetadata>> WATCHED_KINDS = List.of(Pod.class);

  /** Kinds it only reads one by one: the claim named in a pvc:// model URI. */
  public static final List<Class<? extends HasMetadata>> LOOKED_UP_KINDS =
      List.of(PersistentVolumeClaim.class);

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeploymentReconciler.class);

  private final OperatorSettings settings;
  private final ReconcileMetrics metrics;
  private final Clock clock;
  private final StatusAggregator aggregator;
  private final AnalysisSource analysis;
  private final ReleaseReporter reporter;
  private final ReleaseMachine machine = new ReleaseMachine();
  private final ServingDevices devices;
  private final SloMetrics slo;
  private final ReconcileSchedule schedule;

  /** With the production analysis source ({@link AnalysisSourceRouter#production()}). */
  public ModelDeploymentReconciler(
      OperatorSettings settings, ReconcileMetrics metrics, Clock clock) {
    this(settings, metrics, clock, AnalysisSourceRouter.production());
  }

  /** With the analysis source and the production device probe (pod IPs). */
  public ModelDeploymentReconciler(
      OperatorSettings settings, ReconcileMetrics metrics, Clock clock, AnalysisSource analysis) {
    this(settings, metrics, clock, analysis, ServingDevices.production());
  }

  /**
   * With the analysis source (production: PodMetrics or Prometheus by the spec; tests: any) and
   * where the serving device of GPU pods is learned (production: each pod's /metrics).
   */
  @Inject
  public ModelDeploymentReconciler(
      OperatorSettings settings,
      ReconcileMetrics metrics,
      Clock clock,
      AnalysisSource analysis,
      ServingDevices devices) {
    this.devices = devices;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.aggregator = new StatusAggregator(clock);
    this.analysis = analysis;
    this.reporter = new ReleaseReporter(new ReleaseMetrics(metrics.registry()));
    this.slo = new SloMetrics(metrics.registry());
    this.schedule = ReconcileSchedule.of(settings);
  }

  @Override
  public List<EventSource<?, ModelDeployment>> prepareEventSources(
      EventSourceContext<ModelDeployment> context) {
    return EventSources.of(context, slo);
  }

  @Override
  public UpdateControl<ModelDeployment> reconcile(
      ModelDeployment md, Context<ModelDeployment> context) throws Exception {
    return metrics.record(() -> doReconcile(md, context));
  }

  private UpdateControl<ModelDeployment> doReconcile(
      ModelDeployment md, Context<ModelDeployment> context) {
    var client = context.getClient();
    var events = new EventRecorder(client, clock);
    Instant now = clock.instant();

    Deployment stable =
        OwnedObjectApplier.cached(
            context, Deployment.class, ModelDeploymentNames.stableDeployment(md));
    Deployment canary =
        OwnedObjectApplier.cached(
            context, Deployment.class, ModelDeploymentNames.canaryDeployment(md));
    List<Pod> pods = context.getSecondaryResourcesAsStream(Pod.class).toList();
    var resolution =
        SpecResolver.resolve(
            md,
            settings.defaultProgressDeadline(),
            (ns, claim) ->
                client.resources(PersistentVolumeClaim.class).inNamespace(ns).withName(claim).get()
                    != null);
    List<Problem> problems = new ArrayList<>(resolution.problems());
    ReleasePlan plan = null;
    AnalysisVerdict verdict = AnalysisVerdict.notYetDue();
    String desiredRevision = null;
    boolean analysisPending = false;
    Optional<Duration> intervalLook = Optional.empty();
    if (resolution.spec().isPresent()) {
      ResolvedSpec spec = GatewayApiCheck.check(resolution.spec().get(), client, problems);
      desiredRevision = PodTemplates.revision(spec, settings);
      ReleaseStatus previous = md.getStatus() == null ? null : md.getStatus().getRelease();
      var observed =
          new ReleaseObservation(
              TrackObservation.of(stable),
              TrackObservation.of(canary),
              TrackPods.terminating(pods, Labels.TRACK_STABLE),
              TrackPods.terminating(pods, Labels.TRACK_CANARY));
      var request = new AnalysisRequest(spec, previous, now, pods);
      verdict = analysis.verdict(request);
      analysisPending = analysis.scraping(request);
      plan =
          machine.decide(
              new ReleaseInput(
                  spec,
                  desiredRevision,
                  previous,
                  observed,
                  verdict,
                  ReleaseCommands.present(md),
                  now));
      var applied =
          apply(
              md,
              context,
              events,
              PlanRenderer.render(spec, settings, plan, stable, canary),
              new OwnedObjectApplier.Applied(stable, canary),
              problems);
      stable = applied.stable();
      canary = applied.canary();
      problems.addAll(plan.problems());
      intervalLook = ReleaseClock.untilNextLook(spec, plan.status(), now);
      var next = new AnalysisRequest(spec, plan.status(), now, pods);
      if (!next.intervalStart().equals(request.intervalStart())) {
        // an interval starts with this reconcile: a source that differences counters takes its
        // baselines now rather than at the next look (a new interval is never due, so no verdict)
        analysis.verdict(next);
        analysisPending |= analysis.scraping(next);
      }
    }
    problems.addAll(
        WorkloadInspector.inspect(stable, TrackPods.tracked(pods, Labels.TRACK_STABLE)));
    if (canary != null) {
      problems.addAll(
          WorkloadInspector.inspect(canary, TrackPods.tracked(pods, Labels.TRACK_CANARY)));
    }

    TrackObservation observed = TrackObservation.of(stable);
    RolloutDecision decision = decideRollout(md, observed, desiredRevision, plan, problems);
    // After the rollout decision, which the serving device does not stall.
    DeviceCheck served = DeviceCheck.of(md, pods, canary != null, devices);
    served.served().problem().ifPresent(problems::add);
    ModelDeploymentStatus status =
        aggregator.aggregate(md, observed, TrackObservation.of(canary), decision, plan, problems);
    served.writeTo(status);
    TransitionEvents.emit(md, status, events);
    reporter.report(md, verdict, plan, status, events, now);
    if (plan != null) {
      ReleaseCommands.remove(client, md, plan.consumed());
    }

    UpdateControl<ModelDeployment> control = StatusWriter.write(md, status, context);
    schedule
        .next(
            problems,
            plan != null && plan.releaseActive(),
            analysisPending || served.pending(),
            intervalLook)
        .ifPresent(control::rescheduleAfter);
    return control;
  }

  /**
   * Writes the desired objects; a name taken by someone else or a write the API server refuses
   * becomes a problem (and the observed Deployments stay {@code before}). Transient failures and
   * conflicts are thrown, for the framework to retry.
   */
  private static OwnedObjectApplier.Applied apply(
      ModelDeployment md,
      Context<ModelDeployment> context,
      EventRecorder events,
      DesiredObjects desired,
      OwnedObjectApplier.Applied before,
      List<Problem> problems) {
    try {
      return new OwnedObjectApplier(
              md, context, new ResourceWriter(context.getClient(), context), events)
          .applyAll(desired);
    } catch (ResourceWriter.NameConflictException e) {
      problems.add(Problem.observed(Reasons.NAME_CONFLICT, e.getMessage()));
    } catch (KubernetesClientException e) {
      if (e.getCode() < 400 || e.getCode() >= 500 || e.getCode() == 409) {
        throw e; // transient or conflict: let the framework retry
      }
      problems.add(
          Problem.blocking(
              Reasons.APPLY_REJECTED, "the API server rejected a write: " + e.getMessage()));
    }
    return before;
  }

  /**
   * The rollout state of the stable track: it follows the desired revision unless a release owns
   * the change, and spec.release.paused holds it only while the release machine keeps no status.
   */
  private static RolloutDecision decideRollout(
      ModelDeployment md,
      TrackObservation observed,
      String desiredRevision,
      ReleasePlan plan,
      List<Problem> problems) {
    boolean paused =
        md.getSpec().getRelease() != null
            && Boolean.TRUE.equals(md.getSpec().getRelease().getPaused());
    return RolloutStrategy.forSpec(md)
        .decide(
            new RolloutInput(
                observed,
                desiredRevision != null && (plan == null || !plan.releaseActive())
                    ? desiredRevision
                    : observed.revision(),
                paused && (plan == null || plan.status() == null),
                problems));
  }

  @Override
  public ErrorStatusUpdateControl<ModelDeployment> updateErrorStatus(
      ModelDeployment md, Context<ModelDeployment> context, Exception e) {
    LOG.warn(
        "reconcile of {}/{} failed: {}",
        md.getMetadata().getNamespace(),
        md.getMetadata().getName(),
        e.toString());
    return StatusWriter.failed(md, e, clock.instant());
  }
}
