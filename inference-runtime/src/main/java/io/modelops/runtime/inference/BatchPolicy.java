package io.modelops.runtime.inference;

/**
 * When a forming batch is full, whether another request still fits, and when a batch stops taking
 * requests ({@code maxDelayNanos} after it opened; {@code 0} = no age limit).
 */
public record BatchPolicy(long maxRows, long maxDelayNanos) {
  public boolean full(long rows) {
    return rows >= maxRows;
  }

  public boolean fits(long rows, long more) {
    return rows + more <= maxRows;
  }

  /** Whether a batch opened at {@code openedNanos} has stopped taking requests at {@code now}. */
  public boolean expired(long openedNanos, long now) {
    return maxDelayNanos > 0 && now - openedNanos >= maxDelayNanos;
  }
}
