package io.modelops.drills.schedule;

import io.modelops.api.v1alpha1.BlackoutWindow;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillScheduleSpec;
import io.modelops.api.v1alpha1.DrillTarget;
import io.modelops.api.v1alpha1.DrillTemplate;
import io.modelops.api.v1alpha1.DrillVerdict;
import io.modelops.api.v1alpha1.FaultType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Test data: specs, runs, windows. */
final class Runs {

  private Runs() {}

  static Instant at(String utc) {
    return Instant.parse(utc);
  }

  /** An hourly schedule in UTC whose drills take 10m (+60s RTO target). */
  static DrillScheduleSpec hourly() {
    DrillScheduleSpec spec = new DrillScheduleSpec();
    DrillTarget target = new DrillTarget();
    target.setModelDeployment("ctr");
    spec.setTarget(target);
    spec.setSchedule("0 * * * *");
    DrillTemplate template = new DrillTemplate();
    DrillFault fault = new DrillFault();
    fault.setType(FaultType.PodKill);
    template.setFault(fault);
    template.setDuration("10m");
    spec.setTemplate(template);
    return spec;
  }

  static ExistingRun active(String name, String startUtc) {
    return new ExistingRun(
        name,
        Optional.empty(),
        at(startUtc),
        DrillRunPhase.Observing,
        Optional.empty(),
        Duration.ofMinutes(11));
  }

  static ExistingRun finished(String name, String startUtc, DrillVerdict verdict) {
    DrillRunPhase phase =
        switch (verdict) {
          case Passed, Failed -> DrillRunPhase.Completed;
          case Aborted -> DrillRunPhase.Aborted;
          case Skipped -> DrillRunPhase.Skipped;
          case Error -> DrillRunPhase.Failed;
        };
    return new ExistingRun(
        name, Optional.empty(), at(startUtc), phase, Optional.of(verdict), Duration.ofMinutes(11));
  }

  static BlackoutWindow absolute(String reason, String start, String end) {
    BlackoutWindow w = new BlackoutWindow();
    w.setReason(reason);
    w.setStart(start);
    w.setEnd(end);
    return w;
  }

  static BlackoutWindow recurring(String reason, String cron, String duration, String zone) {
    BlackoutWindow w = new BlackoutWindow();
    w.setReason(reason);
    w.setSchedule(cron);
    w.setDuration(duration);
    w.setTimeZone(zone);
    return w;
  }
}
