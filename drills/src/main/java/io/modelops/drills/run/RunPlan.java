package io.modelops.drills.run;

import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillTrack;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.drills.schedule.GoDuration;
import io.modelops.drills.schedule.TemplateDefaults;
import java.time.Duration;
import java.util.Optional;

/**
 * A DrillRun's spec with the operator's defaults applied: what the machine and the guards decide
 * from.
 *
 * @param absorbed true for faults the system must absorb while they last (PodKill, ReplicaLoss,
 *     NodeDrain): recovery (RTO) counts from the injection, not from the fault's removal
 */
public record RunPlan(
    FaultType fault,
    DrillTrack track,
    Duration duration,
    Duration rto,
    Duration recoveryTimeout,
    double abortErrorRatio,
    Optional<Duration> abortP99,
    boolean requireReady,
    int minReadyReplicas,
    boolean skipDuringRelease,
    boolean dryRun,
    boolean absorbed) {

  /** Default abort.errorRatio. */
  public static final double ABORT_ERROR_RATIO = 0.05;

  /** Default recovery.timeout. */
  public static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(10);

  /** Reads a DrillRun spec. */
  public static RunPlan of(DrillRunSpec spec) {
    FaultType fault = spec.getFault().getType();
    var recovery = Optional.ofNullable(spec.getRecovery());
    var abort = Optional.ofNullable(spec.getAbort());
    var guards = Optional.ofNullable(spec.getGuards());
    return new RunPlan(
        fault,
        Optional.ofNullable(spec.getTarget().getTrack()).orElse(DrillTrack.Stable),
        GoDuration.parse(spec.getDuration()),
        recovery.map(r -> r.getRto()).map(GoDuration::parse).orElse(TemplateDefaults.RTO),
        recovery.map(r -> r.getTimeout()).map(GoDuration::parse).orElse(RECOVERY_TIMEOUT),
        abort.map(a -> a.getErrorRatio()).map(Double::parseDouble).orElse(ABORT_ERROR_RATIO),
        abort.map(a -> a.getP99Latency()).map(GoDuration::parse),
        guards.map(g -> g.getRequireReady()).orElse(true),
        guards.map(g -> g.getMinReadyReplicas()).orElse(1),
        guards.map(g -> g.getSkipDuringRelease()).orElse(true),
        Boolean.TRUE.equals(spec.getDryRun()),
        fault == FaultType.PodKill
            || fault == FaultType.ReplicaLoss
            || fault == FaultType.NodeDrain);
  }
}
