package io.modelops.drills.schedule;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the API's duration strings ({@code 30s}, {@code 1h30m}, {@code 1.5s}; see docs/api.md).
 */
public final class GoDuration {

  private static final Pattern WHOLE = Pattern.compile("([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(us|ms|s|m|h)");

  private GoDuration() {}

  /** The duration {@code text} stands for; {@link InvalidScheduleException} when it is not one. */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new InvalidScheduleException(
          ScheduleReason.InvalidSchedule, "not a duration (e.g. 30s, 1h30m): " + text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long unit =
          switch (m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos =
          nanos.add(
              new BigDecimal(m.group(1))
                  .multiply(BigDecimal.valueOf(unit))
                  .setScale(0, java.math.RoundingMode.DOWN));
    }
    return Duration.ofNanos(nanos.longValueExact());
  }
}
