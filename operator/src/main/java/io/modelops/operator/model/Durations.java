package io.modelops.operator.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration strings of the API ({@code 500us}, {@code 2ms}, {@code 1m30s}, {@code 2h}).
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(us|ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code value}.
   *
   * @throws IllegalArgumentException naming the value when it is not a duration
   */
  public static Duration parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    Matcher m = PART.matcher(value);
    long nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("'" + value + "' is not a duration such as 30s or 5m");
      }
      double amount = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos += Math.round(amount * unit);
      end = m.end();
    }
    if (end != value.length()) {
      throw new IllegalArgumentException("'" + value + "' is not a duration such as 30s or 5m");
    }
    return Duration.ofNanos(nanos);
  }
}
