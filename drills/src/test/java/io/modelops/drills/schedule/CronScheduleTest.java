package io.modelops.drills.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Next-run maths: one row per case, {@code after} and {@code expected} as local RFC 3339 times in
 * the schedule's zone (expected empty: never). DST dates: Europe/Berlin 2026-03-29 (02:00 → 03:00)
 * and 2026-10-25 (03:00 → 02:00); America/New_York 2026-03-08 (02:00 → 03:00) and 2026-11-01 (02:00
 * → 01:00).
 */
class CronScheduleTest {

  @ParameterizedTest(name = "{0}: ''{1}'' in {2} after {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Berlin gap: 02:30 does not exist, skipped that day     | 30 2 * * *      | Europe/Berlin    | 2026-03-28T12:00+01:00 | 2026-03-30T02:30+02:00
          Berlin gap: hourly jumps from 01:00 to 03:00           | 0 * * * *       | Europe/Berlin    | 2026-03-29T01:00+01:00 | 2026-03-29T03:00+02:00
          Berlin gap: 03:00 exists                               | 0 3 * * *       | Europe/Berlin    | 2026-03-29T00:00+01:00 | 2026-03-29T03:00+02:00
          Berlin gap: every 15 minutes skips the gap             | */15 * * * *    | Europe/Berlin    | 2026-03-29T01:45+01:00 | 2026-03-29T03:00+02:00
          Berlin overlap: first 02:30 runs                       | 30 2 * * *      | Europe/Berlin    | 2026-10-24T12:00+02:00 | 2026-10-25T02:30+02:00
          Berlin overlap: second 02:30 does not                  | 30 2 * * *      | Europe/Berlin    | 2026-10-25T02:30+02:00 | 2026-10-26T02:30+01:00
          Berlin overlap: after the second pass started          | 15 2 * * *      | Europe/Berlin    | 2026-10-25T02:20+01:00 | 2026-10-26T02:15+01:00
          Berlin overlap: hourly runs both 02:00s                | 0 * * * *       | Europe/Berlin    | 2026-10-25T02:00+02:00 | 2026-10-25T02:00+01:00
          Berlin overlap: hourly after the second 02:00          | 0 * * * *       | Europe/Berlin    | 2026-10-25T02:00+01:00 | 2026-10-25T03:00+01:00
          Berlin overlap: every 30 minutes goes back in wall time | */30 * * * *   | Europe/Berlin    | 2026-10-25T02:45+02:00 | 2026-10-25T02:00+01:00
          New York gap: 02:30 skipped                            | 30 2 * * *      | America/New_York | 2026-03-07T12:00-05:00 | 2026-03-09T02:30-04:00
          New York gap: hourly                                   | 0 * * * *       | America/New_York | 2026-03-08T01:00-05:00 | 2026-03-08T03:00-04:00
          New York overlap: 01:00 first pass                     | 0 1 * * *       | America/New_York | 2026-11-01T00:00-04:00 | 2026-11-01T01:00-04:00
          New York overlap: 01:00 runs once                      | 0 1 * * *       | America/New_York | 2026-11-01T01:00-04:00 | 2026-11-02T01:00-05:00
          New York overlap: yearly 01:30 once (robfig: twice)    | 30 1 1 11 *     | America/New_York | 2026-11-01T01:45-04:00 | 2027-11-01T01:30-04:00
          New York overlap: hourly runs both 01:00s              | 0 * * * *       | America/New_York | 2026-11-01T01:00-04:00 | 2026-11-01T01:00-05:00
          New York overlap: 02:00 exists once                    | 0 2 * * *       | America/New_York | 2026-11-01T00:00-04:00 | 2026-11-01T02:00-05:00
          Feb 29 only in leap years                              | 0 0 29 2 *      | UTC              | 2026-03-01T00:00Z      | 2028-02-29T00:00Z
          Feb 29 or a Monday (both day fields restricted: OR)    | 0 12 29 2 1     | UTC              | 2026-02-01T00:00Z      | 2026-02-02T12:00Z
          every minute over an hour boundary                     | * * * * *       | UTC              | 2026-05-01T10:59:30Z   | 2026-05-01T11:00Z
          every minute over a year boundary                      | * * * * *       | UTC              | 2026-12-31T23:59Z      | 2027-01-01T00:00Z
          strictly after                                         | 0 * * * *       | UTC              | 2026-05-01T10:00Z      | 2026-05-01T11:00Z
          weekdays by name, from a Friday                        | 0 9 * * mon-fri | UTC              | 2026-05-01T10:00Z      | 2026-05-04T09:00Z
          day-of-month list or Friday                            | 0 0 1,15 * 5    | UTC              | 2026-05-01T00:00Z      | 2026-05-08T00:00Z
          step in day-of-month restricts it (OR with Friday)     | 0 0 */2 * 5     | UTC              | 2026-05-01T00:00Z      | 2026-05-03T00:00Z
          star day-of-month: AND with Friday                     | 0 0 * * 5       | UTC              | 2026-05-01T00:00Z      | 2026-05-08T00:00Z
          month names, any case                                  | 5 4 * jan,JUL sun | UTC            | 2026-05-01T00:00Z      | 2026-07-05T04:05Z
          n/step means n-max/step                                | 50/5 * * * *    | UTC              | 2026-05-01T10:51Z      | 2026-05-01T10:55Z
          range with step                                        | 10-30/10 * * * * | UTC             | 2026-05-01T10:31Z      | 2026-05-01T11:10Z
          @weekly is Sunday midnight                             | @weekly         | UTC              | 2026-05-01T00:00Z      | 2026-05-03T00:00Z
          @daily in Shanghai                                     | @daily          | Asia/Shanghai    | 2026-05-01T12:00+08:00 | 2026-05-02T00:00+08:00
          @yearly                                                | @yearly         | UTC              | 2026-05-01T00:00Z      | 2027-01-01T00:00Z
          @hourly                                                | @hourly         | UTC              | 2026-05-01T00:10Z      | 2026-05-01T01:00Z
          never: 30 February                                     | 0 0 30 2 *      | UTC              | 2026-05-01T00:00Z      |
          never: 31 April                                        | 0 0 31 4 *      | UTC              | 2026-05-01T00:00Z      |
          """)
  void nextRun(String name, String cron, String zone, String after, String expected) {
    CronSchedule schedule = CronSchedule.of(cron, zone);
    Optional<Instant> next = schedule.next(OffsetDateTime.parse(after).toInstant());
    assertEquals(
        Optional.ofNullable(expected).map(e -> OffsetDateTime.parse(e).toInstant()), next, name);
  }
}
