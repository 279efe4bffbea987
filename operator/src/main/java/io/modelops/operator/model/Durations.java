package io.modelops.operator.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration strings of the API: the CRD's pattern {@code
 * ^([0-9]+(\.[0-9]+)?(us|ms|s|m|h))+$} ({@code 500us}, {@code 1ms500us}, {@code 1h30m}, {@code
 * 2.5s}). Fractions below a nanosecond are dropped per part, as Go does; a total above {@link
 * Long#MAX_VALUE} nanoseconds is rejected. The runtime's parser accepts exactly the same (a shared
 * test table, DurationGrammarContractTest); see docs/api.md.
 */
public final class Durations {

  /** The CRD's pattern, without anchors (matched against the whole string). */
  public static final String GRAMMAR = "([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+";

  private static final Pattern WHOLE = Pattern.compile(GRAMMAR);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(us|ms|s|m|h)");
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

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
    if (!WHOLE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration such as 30s, 5m, 1h30m or 1ms500us");
    }
    BigInteger nanos = BigInteger.ZERO;
    Matcher m = PART.matcher(value);
    while (m.find()) {
      BigDecimal part = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanos(m.group(2))));
      nanos = nanos.add(part.setScale(0, RoundingMode.DOWN).toBigIntegerExact());
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("duration '" + value + "' is too large");
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  private static long nanos(String unit) {
    return switch (unit) {
      case "us" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
