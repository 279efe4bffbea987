package io.modelops.runtime.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration grammar shared with the ModelDeployment CRD: one or more {@code number unit} parts,
 * a number being digits with an optional decimal fraction and a unit one of {@code us}, {@code ms},
 * {@code s}, {@code m}, {@code h} ({@code 500us}, {@code 1ms500us}, {@code 1h30m}, {@code 2.5s}).
 * Exactly the CRD's pattern {@code ^([0-9]+(\.[0-9]+)?(us|ms|s|m|h))+$}: no sign, spaces, upper
 * case, {@code ns} or {@code µs}. Fractions below a nanosecond are dropped per part, as Go does; a
 * total above {@link Long#MAX_VALUE} nanoseconds (about 292 years) is rejected. See docs/api.md;
 * the operator's parser agrees (shared test table).
 */
public final class Durations {
  /** The CRD's pattern, without anchors (matched against the whole string). */
  public static final String GRAMMAR = "([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+";

  private static final Pattern WHOLE = Pattern.compile(GRAMMAR);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(us|ms|s|m|h)");
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long M = 60 * S;
  private static final long H = 60 * M;

  private Durations() {}

  /**
   * Parses a duration of the grammar above.
   *
   * @throws IllegalArgumentException with a message naming the accepted format
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (!WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "invalid duration '"
              + text
              + "' (expected number+unit parts such as 500us, 1ms500us, 1h30m or 2.5s;"
              + " units us, ms, s, m, h)");
    }
    BigInteger nanos = BigInteger.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      BigDecimal part = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2))));
      nanos = nanos.add(part.setScale(0, RoundingMode.DOWN).toBigIntegerExact());
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("duration '" + text + "' is too large");
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  private static long unit(String unit) {
    return switch (unit) {
      case "us" -> US;
      case "ms" -> MS;
      case "s" -> S;
      case "m" -> M;
      default -> H;
    };
  }

  /**
   * Formats a duration in the largest exact unit, always in the grammar {@link #parse} accepts (a
   * part of a microsecond as a decimal: 1500ns is {@code 1.5us}).
   */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    for (long unit : new long[] {H, M, S, MS}) {
      if (nanos != 0 && nanos % unit == 0) {
        return nanos / unit + suffix(unit);
      }
    }
    if (nanos == 0) {
      return "0ms";
    }
    return BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString() + "us";
  }

  private static String suffix(long unit) {
    return unit == H ? "h" : unit == M ? "m" : unit == S ? "s" : "ms";
  }
}
