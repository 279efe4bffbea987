package io.modelops.drills.schedule;

import io.modelops.api.v1alpha1.ConcurrencyPolicy;
import io.modelops.api.v1alpha1.DrillScheduleSpec;
import io.modelops.drills.schedule.ScheduleDecision.AbortOrder;
import io.modelops.drills.schedule.ScheduleDecision.Note;
import io.modelops.drills.schedule.ScheduleDecision.PlannedRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a DrillSchedule does now, like the CronJob controller decides for Jobs: a pure
 * function of the spec, the status, the owned runs, the kill switch and the injected clock's now.
 * The order of checks for a due run: already created → kill switch → blackout → concurrency policy.
 */
public final class DrillScheduler {

  /** Requeue this long after a due time, so the clock has surely passed it (as CronJob). */
  static final Duration REQUEUE_SLACK = Duration.ofMillis(100);

  private final Clock clock;

  public DrillScheduler(Clock clock) {
    this.clock = clock;
  }

  /** The decision for {@code input} at the clock's now. */
  public ScheduleDecision decide(ScheduleInput input) {
    Instant now = clock.instant();
    DrillScheduleSpec spec = input.spec();
    List<ExistingRun> active = input.runs().stream().filter(r -> !r.finished()).toList();
    List<String> delete =
        HistoryPruner.prune(
            input.runs(), spec.getSuccessfulRunsHistoryLimit(), spec.getFailedRunsHistoryLimit());
    CronSchedule cron;
    BlackoutCalendar blackouts;
    Duration expectedLength;
    try {
      cron = CronSchedule.of(spec.getSchedule(), spec.getTimeZone());
      blackouts = BlackoutCalendar.of(spec.getBlackoutWindows(), spec.getTimeZone());
      expectedLength = TemplateDefaults.expectedLength(spec.getTemplate());
    } catch (InvalidScheduleException e) {
      Note why = new Note(e.reason(), e.getMessage());
      List<AbortOrder> abort = killSwitchAborts(active, input.killSwitch());
      return new ScheduleDecision(
          Optional.empty(),
          abort,
          delete,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.of(why));
    }
    List<AbortOrder> abort = new ArrayList<>();
    List<Instant> wakeUps = new ArrayList<>();
    guardActiveRuns(active, input.killSwitch(), blackouts, now, abort, wakeUps);

    Optional<Instant> next =
        Boolean.TRUE.equals(spec.getSuspend()) ? Optional.empty() : cron.next(now);
    next.ifPresent(n -> wakeUps.add(n.plus(REQUEUE_SLACK)));
    Outcome outcome = Outcome.NONE;
    if (!Boolean.TRUE.equals(spec.getSuspend())) {
      outcome = dueRun(input, cron, blackouts, expectedLength, active, now, abort);
    }
    Optional<Instant> requeue = wakeUps.stream().min(Instant::compareTo);
    return new ScheduleDecision(
        outcome.create(),
        List.copyOf(abort),
        delete,
        outcome.create().map(PlannedRun::scheduledTime),
        outcome.missed(),
        next,
        requeue,
        outcome.notes(),
        Optional.empty());
  }

  private record Outcome(Optional<PlannedRun> create, Optional<Instant> missed, List<Note> notes) {
    static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty(), List.of());
  }

  private Outcome dueRun(
      ScheduleInput input,
      CronSchedule cron,
      BlackoutCalendar blackouts,
      Duration expectedLength,
      List<ExistingRun> active,
      Instant now,
      List<AbortOrder> abort) {
    DrillScheduleSpec spec = input.spec();
    Instant earliest = latest(input.createdAt(), input.lastScheduleTime(), input.lastMissedTime());
    Optional<Duration> deadline =
        Optional.ofNullable(spec.getStartingDeadlineSeconds()).map(Duration::ofSeconds);
    MissedSchedules due = MissedSchedules.find(cron, earliest, now, deadline);
    List<Note> notes = new ArrayList<>();
    if (due.tooMany()) {
      notes.add(
          new Note(
              ScheduleReason.TooManyMissedTimes,
              "more than "
                  + MissedSchedules.TOO_MANY
                  + " scheduled times were missed; only the"
                  + " latest runs. Set or decrease startingDeadlineSeconds or check clock skew"));
    }
    due.missedBeyondDeadline()
        .ifPresent(
            t ->
                notes.add(
                    new Note(
                        ScheduleReason.MissedStartingDeadline,
                        "missed the run due at "
                            + t
                            + ": not started within "
                            + spec.getStartingDeadlineSeconds()
                            + "s")));
    if (due.mostRecent().isEmpty()) {
      return new Outcome(Optional.empty(), due.missedBeyondDeadline(), List.copyOf(notes));
    }
    Instant scheduled = due.mostRecent().get();
    String name = input.name() + "-" + scheduled.getEpochSecond() / 60;
    boolean created =
        input.lastScheduleTime().filter(scheduled::equals).isPresent()
            || input.runs().stream()
                .anyMatch(
                    r ->
                        r.name().equals(name)
                            || r.scheduledTime().filter(scheduled::equals).isPresent());
    if (created) {
      return new Outcome(Optional.empty(), due.missedBeyondDeadline(), List.copyOf(notes));
    }
    Optional<Note> skip = skipReason(input.killSwitch(), blackouts, now, expectedLength);
    if (skip.isEmpty()) {
      ConcurrencyPolicy policy =
          spec.getConcurrencyPolicy() != null
              ? spec.getConcurrencyPolicy()
              : ConcurrencyPolicy.Forbid;
      if (!active.isEmpty() && policy == ConcurrencyPolicy.Forbid) {
        notes.add(
            new Note(
                ScheduleReason.ConcurrencyForbid,
                "not starting the run due at "
                    + scheduled
                    + ": "
                    + active.get(0).name()
                    + " is still active and concurrencyPolicy is Forbid"));
        return new Outcome(Optional.empty(), due.missedBeyondDeadline(), List.copyOf(notes));
      }
      if (policy == ConcurrencyPolicy.Replace) {
        for (ExistingRun run : active) {
          if (abort.stream().noneMatch(a -> a.run().equals(run.name()))) {
            abort.add(
                new AbortOrder(
                    run.name(),
                    ScheduleReason.Replaced,
                    "replaced by the run due at " + scheduled));
          }
        }
      }
    }
    return new Outcome(
        Optional.of(new PlannedRun(name, scheduled, skip)),
        due.missedBeyondDeadline(),
        List.copyOf(notes));
  }

  private static Optional<Note> skipReason(
      KillSwitch kill, BlackoutCalendar blackouts, Instant now, Duration expectedLength) {
    if (kill.engaged()) {
      return Optional.of(
          new Note(ScheduleReason.KillSwitch, "drills are stopped by the " + kill.source()));
    }
    return blackouts
        .firstTouching(now, now.plus(expectedLength))
        .map(
            w ->
                new Note(
                    ScheduleReason.Blackout,
                    w.start().isAfter(now)
                        ? "blackout window \""
                            + w.reason()
                            + "\" starts at "
                            + w.start()
                            + ", before the drill would end"
                        : "inside blackout window \"" + w.reason() + "\" until " + w.end()));
  }

  private static void guardActiveRuns(
      List<ExistingRun> active,
      KillSwitch kill,
      BlackoutCalendar blackouts,
      Instant now,
      List<AbortOrder> abort,
      List<Instant> wakeUps) {
    if (kill.engaged()) {
      abort.addAll(killSwitchAborts(active, kill));
      return;
    }
    for (ExistingRun run : active) {
      Instant until = run.expectedEnd().isAfter(now) ? run.expectedEnd() : now.plusNanos(1);
      blackouts
          .firstTouching(now, until)
          .ifPresent(
              w -> {
                if (w.start().isAfter(now)) {
                  wakeUps.add(w.start());
                } else {
                  abort.add(
                      new AbortOrder(
                          run.name(),
                          ScheduleReason.Blackout,
                          "blackout window \"" + w.reason() + "\" started at " + w.start()));
                }
              });
    }
  }

  private static List<AbortOrder> killSwitchAborts(List<ExistingRun> active, KillSwitch kill) {
    if (!kill.engaged()) {
      return List.of();
    }
    return active.stream()
        .map(
            r ->
                new AbortOrder(
                    r.name(),
                    ScheduleReason.KillSwitch,
                    "drills are stopped by the " + kill.source()))
        .toList();
  }

  private static Instant latest(Instant first, Optional<Instant> a, Optional<Instant> b) {
    Instant result = first;
    for (Optional<Instant> o : List.of(a, b)) {
      if (o.isPresent() && o.get().isAfter(result)) {
        result = o.get();
      }
    }
    return result;
  }
}
