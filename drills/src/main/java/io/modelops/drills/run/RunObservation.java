package io.modelops.drills.run;

import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.drills.schedule.KillSwitch;
import java.time.Instant;
import java.util.Optional;

/**
 * What the reconciler observed of one DrillRun and its target, for the machine.
 *
 * @param phase status.phase (Pending when unset)
 * @param injectionTime status.injectionTime
 * @param faultRemovalTime status.faultRemovalTime
 * @param recoveryTime status.recoveryTime (set during Observing for absorbed faults)
 * @param abortReason the reason already in status while Recovering after an abort
 * @param abortOrder an abort asked for from outside: the annotation modelops.io/drill-abort (the
 *     schedule's Replace or blackout, or a person)
 * @param killSwitch the operator setting or the namespace annotation
 * @param target the target's state now
 * @param probes the prober's last window
 * @param recovered the track is back to its baseline ready replicas (killed pods not counted) and
 *     the probe succeeds
 */
public record RunObservation(
    DrillRunPhase phase,
    Optional<Instant> injectionTime,
    Optional<Instant> faultRemovalTime,
    Optional<Instant> recoveryTime,
    Optional<Note> abortReason,
    Optional<Note> abortOrder,
    KillSwitch killSwitch,
    TargetState target,
    ProbeWindow probes,
    boolean recovered) {}
