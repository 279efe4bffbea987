package io.modelops.drills.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) or a macro, matched
 * against wall-clock times. Parsing follows robfig/cron's {@code ParseStandard}, the parser of
 * Kubernetes CronJob: day-of-week is 0-6 (Sunday 0; 7 is refused), {@code @every} is not supported,
 * and when both day fields are restricted a day matching <em>either</em> runs (Vixie cron); a field
 * counts as unrestricted only when written {@code *} or {@code ?}, so {@code *}{@code /2} restricts
 * it.
 */
public final class CronExpression {

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  /** How far ahead a match is looked for: every valid expression matches within 8 years. */
  private static final int YEARS_AHEAD = 8;

  private final String text;
  private final CronField minute;
  private final CronField hour;
  private final CronField dayOfMonth;
  private final CronField month;
  private final CronField dayOfWeek;

  private CronExpression(String text, List<CronField> fields) {
    this.text = text;
    this.minute = fields.get(0);
    this.hour = fields.get(1);
    this.dayOfMonth = fields.get(2);
    this.month = fields.get(3);
    this.dayOfWeek = fields.get(4);
  }

  /**
   * Parses {@code text}; {@link InvalidScheduleException} (InvalidSchedule) when it is not cron.
   */
  public static CronExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidScheduleException(ScheduleReason.InvalidSchedule, "empty schedule");
    }
    String trimmed = text.trim();
    String expanded = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase()) : trimmed;
    if (expanded == null) {
      throw new InvalidScheduleException(
          ScheduleReason.InvalidSchedule,
          "unknown macro " + trimmed + " (@every is not supported)");
    }
    String[] f = expanded.split("\\s+");
    if (f.length != 5) {
      throw new InvalidScheduleException(
          ScheduleReason.InvalidSchedule, "expected 5 fields, found " + f.length + ": " + trimmed);
    }
    return new CronExpression(
        trimmed,
        List.of(
            CronField.parse(f[0], "minute", 0, 59, List.of(), 0),
            CronField.parse(f[1], "hour", 0, 23, List.of(), 0),
            CronField.parse(f[2], "day-of-month", 1, 31, List.of(), 0),
            CronField.parse(f[3], "month", 1, 12, CronField.MONTHS, 1),
            CronField.parse(f[4], "day-of-week", 0, 6, CronField.DAYS, 0)));
  }

  /** True when the hour field is {@code *}: the schedule repeats every hour of real time. */
  public boolean everyHour() {
    return hour.unrestricted();
  }

  /** Whether the wall-clock minute {@code t} matches. */
  public boolean matches(LocalDateTime t) {
    return month.has(t.getMonthValue())
        && dayMatches(t.toLocalDate())
        && hour.has(t.getHour())
        && minute.has(t.getMinute());
  }

  /** The first matching wall-clock minute at or after {@code from} (seconds dropped), if any. */
  public Optional<LocalDateTime> nextMatch(LocalDateTime from) {
    LocalDateTime t = from.truncatedTo(ChronoUnit.MINUTES);
    int lastYear = t.getYear() + YEARS_AHEAD;
    while (t.getYear() <= lastYear) {
      if (!month.has(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hour.has(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minute.has(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    boolean dom = dayOfMonth.has(day.getDayOfMonth());
    boolean dow = dayOfWeek.has(day.getDayOfWeek().getValue() % 7);
    return dayOfMonth.unrestricted() || dayOfWeek.unrestricted() ? dom && dow : dom || dow;
  }

  @Override
  public String toString() {
    return text;
  }
}
