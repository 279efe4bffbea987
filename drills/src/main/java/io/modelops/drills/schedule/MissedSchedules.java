package io.modelops.drills.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The scheduled times that came due since the schedule last acted, as Kubernetes CronJob's {@code
 * mostRecentScheduleTime} finds them: times after {@code earliest} (the last scheduled or missed
 * time, else the creation time) and at or before {@code now}; with a starting deadline, only times
 * within it are candidates, and the ones before it are reported as missed.
 *
 * @param mostRecent the latest due time within the deadline: the one run to start, if any
 * @param dueCount how many times came due within the deadline (only the latest runs)
 * @param missedBeyondDeadline the latest due time that is past the deadline, if any
 * @param tooMany more than {@value #TOO_MANY} times came due (CronJob's TooManyMissedTimes)
 */
public record MissedSchedules(
    Optional<Instant> mostRecent,
    long dueCount,
    Optional<Instant> missedBeyondDeadline,
    boolean tooMany) {

  /** CronJob warns beyond this many missed times. */
  public static final long TOO_MANY = 100;

  /** Looks for due times of {@code schedule} in {@code (earliest, now]}. */
  public static MissedSchedules find(
      CronSchedule schedule, Instant earliest, Instant now, Optional<Duration> startingDeadline) {
    Instant deadlineFloor = startingDeadline.map(now::minus).orElse(earliest);
    Instant windowStart = deadlineFloor.isAfter(earliest) ? deadlineFloor : earliest;
    Due within = latestDue(schedule, windowStart, now);
    Optional<Instant> beyond = Optional.empty();
    if (windowStart.isAfter(earliest)) {
      beyond = latestDue(schedule, earliest, windowStart).latest();
    }
    return new MissedSchedules(within.latest(), within.count(), beyond, within.count() > TOO_MANY);
  }

  private record Due(Optional<Instant> latest, long count) {}

  /**
   * The latest fire time in {@code (from, to]} and how many there are, counting up to {@value
   * #TOO_MANY}+1; past that, the latest is found by searching back from {@code to}.
   */
  private static Due latestDue(CronSchedule schedule, Instant from, Instant to) {
    Instant latest = null;
    long count = 0;
    Optional<Instant> t = schedule.next(from);
    while (t.isPresent() && !t.get().isAfter(to)) {
      latest = t.get();
      count++;
      if (count > TOO_MANY) {
        return new Due(latestBefore(schedule, from, to), count);
      }
      t = schedule.next(latest);
    }
    return new Due(Optional.ofNullable(latest), count);
  }

  private static Optional<Instant> latestBefore(CronSchedule schedule, Instant from, Instant to) {
    for (Duration back :
        new Duration[] {
          Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(63), Duration.ofDays(800)
        }) {
      Instant start = to.minus(back).isAfter(from) ? to.minus(back) : from;
      Instant latest = null;
      for (Optional<Instant> t = schedule.next(start);
          t.isPresent() && !t.get().isAfter(to);
          t = schedule.next(t.get())) {
        latest = t.get();
      }
      if (latest != null) {
        return Optional.of(latest);
      }
    }
    return Optional.empty();
  }
}
