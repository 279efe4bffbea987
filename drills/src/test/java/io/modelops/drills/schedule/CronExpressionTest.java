package io.modelops.drills.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing: what robfig/cron's ParseStandard (Kubernetes CronJob) refuses is refused here. */
class CronExpressionTest {

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 0 3 * * *    | expected 5 fields
          0 3 * *        | expected 5 fields
          60 * * * *     | minute field
          * 24 * * *     | hour field
          * * 0 * *      | day-of-month field
          * * 32 * *     | day-of-month field
          * * * 13 *     | month field
          * * * * 7      | day-of-week field
          5-1 * * * *    | runs backwards
          */0 * * * *    | step must be positive
          1-2-3 * * * *  | too many
          1/2/3 * * * *  | too many
          a * * * *      | not a number or name
          * * * foo *    | not a number or name
          * * * * monday | not a number or name
          @every 5m      | unknown macro
          @often         | unknown macro
          1,,2 * * * *   | not a number or name
          """)
  void refuses(String cron, String why) {
    InvalidScheduleException e =
        assertThrows(InvalidScheduleException.class, () -> CronExpression.parse(cron));
    assertEquals(ScheduleReason.InvalidSchedule, e.reason());
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void emptyIsRefused() {
    assertThrows(InvalidScheduleException.class, () -> CronExpression.parse(" "));
  }

  @Test
  void hourWildcardIsWhatDecidesTheOverlapRule() {
    assertTrue(CronExpression.parse("*/5 * * * *").everyHour());
    assertTrue(CronExpression.parse("0 ? * * *").everyHour());
    assertFalse(CronExpression.parse("0 */2 * * *").everyHour());
    assertFalse(CronExpression.parse("@daily").everyHour());
  }

  @Test
  void matchesWallClockMinutes() {
    CronExpression weekdayMornings = CronExpression.parse("0,30 8-10 * * MON-FRI");
    assertTrue(weekdayMornings.matches(LocalDateTime.parse("2026-05-01T10:30"))); // Friday
    assertFalse(weekdayMornings.matches(LocalDateTime.parse("2026-05-02T10:30"))); // Saturday
    assertFalse(weekdayMornings.matches(LocalDateTime.parse("2026-05-01T11:00")));
  }
}
