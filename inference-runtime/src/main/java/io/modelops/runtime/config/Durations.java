package io.modelops.runtime.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 500us}, {@code 2ms}, {@code 1.5s}, {@code 1m}, {@code 1h}. */
public final class Durations {
  private static final Pattern FORMAT =
      Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m|h)$", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses a duration; a bare number is rejected so that units are always explicit.
   *
   * @throws IllegalArgumentException with a message naming the accepted format
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "' (expected a number and a unit: ns, us, ms, s, m, h)");
    }
    double value = Double.parseDouble(m.group(1));
    double nanosPerUnit =
        switch (m.group(2).toLowerCase()) {
          case "ns" -> 1;
          case "us", "µs" -> 1_000;
          case "ms" -> 1_000_000;
          case "s" -> 1_000_000_000;
          case "m" -> 60_000_000_000.0;
          case "h" -> 3_600_000_000_000.0;
          default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
        };
    double nanos = value * nanosPerUnit;
    if (nanos > Long.MAX_VALUE) {
      throw new IllegalArgumentException("duration '" + text + "' is too large");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  /** Formats a duration in the shortest exact unit accepted by {@link #parse}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 3_600_000_000_000L == 0 && nanos != 0) {
      return nanos / 3_600_000_000_000L + "h";
    }
    if (nanos % 60_000_000_000L == 0 && nanos != 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos % 1_000_000_000L == 0 && nanos != 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }
}
