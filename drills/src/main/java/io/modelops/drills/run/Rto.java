package io.modelops.drills.run;

import java.time.Duration;
import java.time.Instant;

/** Recovery times at 1 s resolution, as status.rto shows them ({@code 41s}). */
public final class Rto {

  private Rto() {}

  /** From {@code from} to {@code to}, rounded up to whole seconds (never negative). */
  public static Duration between(Instant from, Instant to) {
    long millis = Math.max(0, Duration.between(from, to).toMillis());
    return Duration.ofSeconds((millis + 999) / 1000);
  }

  /** {@code 41s}. */
  public static String format(Duration rto) {
    return rto.toSeconds() + "s";
  }
}
