package io.modelops.drills.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression read in an IANA time zone: the instants it fires at. Daylight-saving rules:
 *
 * <ul>
 *   <li><b>Gap</b> (clocks spring forward): a wall-clock time that does not exist that day does not
 *       run that day, as in Kubernetes CronJob (robfig/cron). {@code 30 2 * * *} in Europe/Berlin
 *       skips 2026-03-29.
 *   <li><b>Overlap</b> (clocks fall back): a time that occurs twice runs once, at its first
 *       occurrence, unless the hour field is {@code *}: then every real hour runs, so {@code 0 * *
 *       * *} runs at 02:00 CEST and again at 02:00 CET. (robfig/cron runs fixed-hour times twice; a
 *       drill should not, so here Vixie/ISC cron's rule is followed.)
 * </ul>
 */
public final class CronSchedule {

  /** How far back of {@code after}'s wall clock to look for a repeated (overlap) occurrence. */
  private static final long OVERLAP_LOOKBACK_HOURS = 3;

  private final CronExpression cron;
  private final ZoneId zone;
  private final ZoneRules rules;

  private CronSchedule(CronExpression cron, ZoneId zone) {
    this.cron = cron;
    this.zone = zone;
    this.rules = zone.getRules();
  }

  /** {@code cron} in {@code timeZone} (null or blank: UTC). */
  public static CronSchedule of(String cron, String timeZone) {
    return new CronSchedule(CronExpression.parse(cron), zone(timeZone));
  }

  /** The zone named {@code timeZone}; UTC when unset; UnknownTimeZone when not in the database. */
  public static ZoneId zone(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new InvalidScheduleException(
          ScheduleReason.UnknownTimeZone, "unknown time zone " + timeZone);
    }
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first instant strictly after {@code after} at which the schedule fires, if any. */
  public Optional<Instant> next(Instant after) {
    LocalDateTime cursor = LocalDateTime.ofInstant(after, zone).minusHours(OVERLAP_LOOKBACK_HOURS);
    Instant best = null;
    int lastYear = cursor.getYear() + 8;
    while (true) {
      Optional<LocalDateTime> match = cron.nextMatch(cursor);
      if (match.isEmpty() || match.get().getYear() > lastYear) {
        return Optional.ofNullable(best);
      }
      LocalDateTime local = match.get();
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      if (!offsets.isEmpty()) {
        Instant first = local.toInstant(offsets.get(0));
        Instant second = local.toInstant(offsets.get(offsets.size() - 1));
        if (second.isBefore(first)) {
          Instant swap = first;
          first = second;
          second = swap;
        }
        // First occurrences rise with the wall clock: nothing later can beat best.
        if (best != null && first.isAfter(best)) {
          return Optional.of(best);
        }
        best = earliestAfter(after, best, first);
        if (offsets.size() == 2 && cron.everyHour()) {
          best = earliestAfter(after, best, second);
        }
      }
      cursor = local.plusMinutes(1);
    }
  }

  private static Instant earliestAfter(Instant after, Instant best, Instant candidate) {
    if (!candidate.isAfter(after)) {
      return best;
    }
    return best == null || candidate.isBefore(best) ? candidate : best;
  }

  @Override
  public String toString() {
    return cron + " (" + zone + ")";
  }
}
