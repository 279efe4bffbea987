package io.modelops.operator.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillRunStatus;
import io.modelops.api.v1alpha1.DrillSummary;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.drills.run.DrillRunMachine;
import io.modelops.drills.run.Note;
import io.modelops.drills.run.ProbeWindow;
import io.modelops.drills.run.RunAction;
import io.modelops.drills.run.RunObservation;
import io.modelops.drills.run.RunPlan;
import io.modelops.drills.run.RunReason;
import io.modelops.drills.run.RunStep;
import io.modelops.drills.schedule.KillSwitch;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.event.AnnouncementLedger;
import io.modelops.operator.event.EventRecorder;
import io.modelops.operator.model.ModelDeploymentNames;
import io.modelops.operator.prometheus.PrometheusClient;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one DrillRun: observe the target, the kill switch and the abort annotation; ask the {@link
 * DrillRunMachine}; apply its action through the engine; patch status. The phase, the recorded
 * faults and their times are in status, so a restarted operator carries on (re-injecting in
 * Injecting is idempotent, removal always happens). The finalizer ({@link Cleaner}) removes the
 * faults of a DrillRun deleted mid-drill.
 */
@ControllerConfiguration(name = DrillRunReconciler.NAME)
public class DrillRunReconciler implements Reconciler<DrillRun>, Cleaner<DrillRun> {

  /** Controller name. */
  public static final String NAME = "drillrun";

  private static final Logger LOG = LoggerFactory.getLogger(DrillRunReconciler.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How long an engine that {@link FaultEngine#reportsInjection reports injection} may take. */
  static final Duration CONFIRM_WITHIN = Duration.ofSeconds(60);

  private static final Set<DrillRunPhase> PROBED =
      EnumSet.of(DrillRunPhase.Injecting, DrillRunPhase.Observing, DrillRunPhase.Recovering);

  private final DrillSettings settings;
  private final DrillMetrics metrics;
  private final Clock clock;
  private final DrillRunMachine machine;
  private final Probers probers;
  private final Function<Pod, String> address;
  private final CapacityMeter capacity;
  private final PrometheusClient prometheus =
      new PrometheusClient(PrometheusClient.DEFAULT_TIMEOUT);

  @Inject
  public DrillRunReconciler(
      DrillSettings settings, DrillMetrics metrics, Clock clock, ProberFactory probers) {
    this(settings, metrics, clock, probers, settings.endpoints()::url);
  }

  /**
   * @param address a pod's runtime base URL for the engine's admin API calls (tests point it at a
   *     local server standing in for the pod)
   */
  DrillRunReconciler(
      DrillSettings settings,
      DrillMetrics metrics,
      Clock clock,
      ProberFactory probers,
      Function<Pod, String> address) {
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.machine = new DrillRunMachine(clock);
    this.probers = new Probers(probers);
    this.address = address;
    this.capacity = new CapacityMeter(address);
  }

  /** Phase changes announced (Events) and runs finished (metrics, lastDrill), once each. */
  private final AnnouncementLedger phases = new AnnouncementLedger();

  private final AnnouncementLedger finished = new AnnouncementLedger();

  @Override
  public UpdateControl<DrillRun> reconcile(DrillRun run, Context<DrillRun> context) {
    KubernetesClient client = context.getClient();
    DrillRunStatus status = copy(run.getStatus());
    DrillRunPhase phase = status.getPhase() == null ? DrillRunPhase.Pending : status.getPhase();
    if (EnumSet.of(
            DrillRunPhase.Skipped,
            DrillRunPhase.Completed,
            DrillRunPhase.Aborted,
            DrillRunPhase.Failed)
        .contains(phase)) {
      probers.stop(run.getMetadata().getUid());
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    String ns = run.getMetadata().getNamespace();
    var spec = run.getSpec();
    if (status.getStartTime() == null) {
      status.setStartTime(Conditions.format(now));
    }
    status.setObservedGeneration(run.getMetadata().getGeneration());
    FaultEngines engines = new FaultEngines(client, choices(run), address);
    Optional<FaultEngine> supporting = engines.supporting(spec);
    RunStep step;
    Target target = TargetReader.read(client, ns, spec.getTarget());
    Optional<String> refusal =
        phase == DrillRunPhase.Pending
            ? supporting.flatMap(e -> e.refusal(spec, target))
            : Optional.empty();
    if (phase == DrillRunPhase.Pending && supporting.isEmpty()) {
      step = failed(RunReason.Unsupported, engines.unsupported(spec));
    } else if (refusal.isPresent()) {
      step = failed(RunReason.Unsupported, refusal.get());
    } else if (supporting.isEmpty()) {
      // Past Pending with an engine this operator no longer has (downgraded): nothing to remove.
      step = failed(RunReason.EngineError, engines.unsupported(spec));
    } else {
      FaultEngine engine = supporting.get();
      RunPlan plan = RunPlan.of(spec);
      KillSwitch kill = KillSwitches.of(settings, client, ns);
      Optional<Probers.Running> prober = probe(run, phase, status, target);
      ProbeWindow window = prober.map(p -> p.prober().stats().window()).orElse(ProbeWindow.EMPTY);
      boolean recovered =
          Recovery.recovered(
              status.getBaselineReadyReplicas(),
              target.readyPods(),
              status.getFaults(),
              window.healthy());
      RunObservation seen =
          new RunObservation(
              phase,
              time(status.getInjectionTime()),
              time(status.getFaultRemovalTime()),
              time(status.getRecoveryTime()),
              abortReason(status, phase),
              abortOrder(run).or(() -> phase == DrillRunPhase.Observing ? breach(prober) : none()),
              kill,
              target.state(),
              window,
              recovered);
      step = machine.decide(plan, seen);
      try {
        act(engine, run, status, step.action(), target, now);
        if (step.action() == RunAction.NONE && step.phase() == DrillRunPhase.Observing) {
          sustain(engine, run, status, target);
        }
        if (phase == DrillRunPhase.Observing && step.action() != RunAction.REMOVE) {
          confirm(engine, ns, status, now);
        }
      } catch (RuntimeException e) {
        LOG.warn("drill {}/{}: engine failed: {}", ns, run.getMetadata().getName(), e.toString());
        removeAll(engine, ns, status, now);
        step = failed(RunReason.EngineError, String.valueOf(e.getMessage()));
      }
      prober.ifPresent(p -> RunStatusWriter.probes(status, p));
    }
    RunStatusWriter.apply(status, step, now);
    announce(client, run, phase, step);
    if (step.terminal()) {
      finish(client, run, status, now);
    }
    UpdateControl<DrillRun> control =
        same(run.getStatus(), status) ? UpdateControl.noUpdate() : patch(run, status);
    step.requeueAfter()
        .ifPresent(d -> control.rescheduleAfter(d.isZero() ? Duration.ofMillis(10) : d));
    return control;
  }

  /**
   * The run's random choices (which pods a fault takes), the same for every reconcile of the run: a
   * reconcile that works on a stale copy (the status write of the one before it not yet in the
   * cache) and plans the fault again picks the same pods, so the pods recorded in status are the
   * pods injected and later cleared.
   */
  static Random choices(DrillRun run) {
    String uid = run.getMetadata().getUid();
    String key =
        uid != null ? uid : run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
    return new Random(key.hashCode() * 0x9E3779B97F4A7C15L);
  }

  private static UpdateControl<DrillRun> patch(DrillRun run, DrillRunStatus status) {
    run.setStatus(status);
    return UpdateControl.patchStatus(run);
  }

  private Optional<Probers.Running> probe(
      DrillRun run, DrillRunPhase phase, DrillRunStatus status, Target target) {
    if (!PROBED.contains(phase) || target.md() == null) {
      return Optional.empty();
    }
    var before = status.getProbes();
    OptionalDouble[] measured = {OptionalDouble.empty()};
    Probers.Running running =
        probers.ensure(
            run.getMetadata().getUid(),
            () ->
                ProbeSpec.of(
                    ModelDeploymentNames.modelName(target.md()),
                    run.getSpec().getSteadyState(),
                    before == null ? null : before.getRatePerSecond(),
                    () -> measured[0] = capacity.measure(target.readyPods())),
            before == null || before.getRequests() == null ? 0 : before.getRequests(),
            before == null || before.getErrors() == null ? 0 : before.getErrors(),
            before == null ? null : before.getCapacityPerSecond());
    if (measured[0].isPresent()) {
      running.capacity((int) Math.round(measured[0].getAsDouble()));
    }
    var steady = run.getSpec().getSteadyState();
    if (running.watch() == null
        && steady != null
        && steady.getPrometheus() != null
        && !steady.getPrometheus().isEmpty()) {
      running.watch(
          new PromWatch(
              prometheus,
              steady.getPrometheusAddress(),
              steady.getPrometheus(),
              clock,
              before == null ? null : before.getPrometheus()));
    }
    if (running.watch() != null) {
      running.watch().poll();
    }
    running.prober().endpoints(target.readyPods().stream().map(settings.endpoints()::url).toList());
    return Optional.of(running);
  }

  private static void act(
      FaultEngine engine,
      DrillRun run,
      DrillRunStatus status,
      RunAction action,
      Target target,
      Instant now) {
    String ns = run.getMetadata().getNamespace();
    switch (action) {
      case RECORD -> {
        status.setFaults(List.of(engine.plan(run.getMetadata().getName(), run.getSpec(), target)));
        status.setBaselineReadyReplicas(target.state().readyReplicas());
      }
      case INJECT -> {
        for (InjectedFault fault : status.getFaults()) {
          engine.inject(ns, run.getSpec(), fault, target);
          fault.setInjectedTime(Conditions.format(now));
        }
      }
      case REMOVE -> removeAll(engine, ns, status, now);
      case NONE -> {}
    }
  }

  /**
   * For an engine whose injection is another system's (Chaos Mesh): records {@code confirmedTime}
   * when that system reports the fault in place; fails the drill when it has not within {@link
   * #CONFIRM_WITHIN} of the injection (not installed, not running, or not selecting the pods),
   * since a drill measured without its fault would pass for nothing.
   */
  static void confirm(FaultEngine engine, String ns, DrillRunStatus status, Instant now) {
    if (!engine.reportsInjection() || status.getFaults() == null) {
      return;
    }
    for (InjectedFault fault : status.getFaults()) {
      if (fault.getInjectedTime() == null
          || fault.getRemovedTime() != null
          || fault.getConfirmedTime() != null) {
        continue;
      }
      if (engine.active(ns, fault)) {
        fault.setConfirmedTime(Conditions.format(now));
      } else if (Duration.between(Instant.parse(fault.getInjectedTime()), now)
              .compareTo(CONFIRM_WITHIN)
          > 0) {
        throw new IllegalStateException(
            fault.getObject()
                + " was not reported injected (AllInjected=True) within "
                + CONFIRM_WITHIN.toSeconds()
                + "s: is Chaos Mesh installed and running, and are the pods still there?");
      }
    }
  }

  private static void sustain(
      FaultEngine engine, DrillRun run, DrillRunStatus status, Target target) {
    if (status.getFaults() == null) {
      return;
    }
    for (InjectedFault fault : status.getFaults()) {
      if (fault.getInjectedTime() != null && fault.getRemovedTime() == null) {
        engine.sustain(run.getMetadata().getNamespace(), run.getSpec(), fault, target);
      }
    }
  }

  private static void removeAll(FaultEngine engine, String ns, DrillRunStatus status, Instant now) {
    if (status.getFaults() == null) {
      return;
    }
    for (InjectedFault fault : status.getFaults()) {
      if (fault.getRemovedTime() == null) {
        engine.remove(ns, fault);
        fault.setRemovedTime(Conditions.format(now));
      }
    }
  }

  private void finish(KubernetesClient client, DrillRun run, DrillRunStatus status, Instant now) {
    probers.stop(run.getMetadata().getUid());
    if (!finished.first(run.getMetadata().getUid(), "finished")) {
      return; // decided again on a stale copy: counted and written once
    }
    String ns = run.getMetadata().getNamespace();
    Map<String, String> labels = run.getMetadata().getLabels();
    String schedule = labels == null ? "" : labels.getOrDefault(DrillAnnotations.SCHEDULE, "");
    Duration rto =
        status.getRto() == null
            ? null
            : io.modelops.drills.schedule.GoDuration.parse(status.getRto());
    metrics.finished(ns, schedule, status.getVerdict().name(), now, rto);
    DrillSummary summary = new DrillSummary();
    summary.setName(run.getMetadata().getName());
    summary.setVerdict(status.getVerdict().name());
    summary.setTime(status.getCompletionTime());
    summary.setRto(status.getRto());
    LastDrillWriter.write(client, ns, run.getSpec().getTarget().getModelDeployment(), summary);
  }

  private void announce(KubernetesClient client, DrillRun run, DrillRunPhase before, RunStep step) {
    if (step.phase() == before || !phases.first(run.getMetadata().getUid(), step.phase().name())) {
      return;
    }
    var events = new EventRecorder(client, clock);
    String reason = step.note().map(n -> n.reason().name()).orElse(step.phase().name());
    String message =
        step.note().map(Note::message).orElse("phase " + before + " → " + step.phase());
    boolean bad =
        step.verdict()
                .filter(v -> v != DrillVerdict.Passed && v != DrillVerdict.Skipped)
                .isPresent()
            || (step.phase() == DrillRunPhase.Recovering && step.note().isPresent());
    events.record(run, bad ? EventRecorder.WARNING : EventRecorder.NORMAL, reason, message);
  }

  private static RunStep failed(RunReason reason, String message) {
    return new RunStep(
        DrillRunPhase.Failed,
        RunAction.NONE,
        Optional.of(DrillVerdict.Error),
        Optional.of(new Note(reason, message)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The abort reason recorded while Recovering (a run that simply ended its duration has none). */
  private static Optional<Note> abortReason(DrillRunStatus status, DrillRunPhase phase) {
    if (phase != DrillRunPhase.Recovering || status.getReason() == null) {
      return Optional.empty();
    }
    RunReason reason = Note.parse(status.getReason());
    return Optional.of(
        new Note(reason == null ? RunReason.AbortRequested : reason, status.getMessage()));
  }

  /** A breached Prometheus check counts as an SLO burn. */
  private static Optional<Note> breach(Optional<Probers.Running> prober) {
    return prober
        .map(Probers.Running::watch)
        .flatMap(PromWatch::breach)
        .map(m -> new Note(RunReason.SloBurn, m));
  }

  private static Optional<Note> none() {
    return Optional.empty();
  }

  private static Optional<Note> abortOrder(DrillRun run) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    if (annotations == null || annotations.get(DrillAnnotations.ABORT) == null) {
      return Optional.empty();
    }
    String value = annotations.get(DrillAnnotations.ABORT);
    RunReason reason = Note.parse(value);
    String message =
        annotations.getOrDefault(
            DrillAnnotations.ABORT_MESSAGE,
            "aborted by the annotation " + DrillAnnotations.ABORT + "=" + value);
    return Optional.of(new Note(reason == null ? RunReason.AbortRequested : reason, message));
  }

  private static Optional<Instant> time(String text) {
    return Optional.ofNullable(text).map(Instant::parse);
  }

  private static DrillRunStatus copy(DrillRunStatus status) {
    return status == null
        ? new DrillRunStatus()
        : MAPPER.convertValue(status, DrillRunStatus.class);
  }

  private static boolean same(DrillRunStatus before, DrillRunStatus after) {
    return before != null && MAPPER.valueToTree(before).equals(MAPPER.valueToTree(after));
  }

  /** Removes whatever the run injected and did not remove yet; stops its prober. */
  @Override
  public DeleteControl cleanup(DrillRun run, Context<DrillRun> context) {
    probers.stop(run.getMetadata().getUid());
    phases.forget(run.getMetadata().getUid());
    finished.forget(run.getMetadata().getUid());
    DrillRunStatus status = run.getStatus();
    if (status != null && status.getFaults() != null) {
      Optional<FaultEngine> engine =
          new FaultEngines(context.getClient(), choices(run), address).of(run.getSpec());
      for (InjectedFault fault : status.getFaults()) {
        // Not only injected faults: an object-creating engine may have created the object and
        // died before injectedTime was written; removing is idempotent (a missing object is fine).
        if (engine.isPresent() && fault.getRemovedTime() == null) {
          engine.get().remove(run.getMetadata().getNamespace(), fault);
        }
      }
    }
    return DeleteControl.defaultDelete();
  }
}
