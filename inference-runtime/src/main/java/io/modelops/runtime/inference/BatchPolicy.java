package io.modelops.runtime.inference;

/** When a forming batch is full and whether another request still fits. */
public record BatchPolicy(long maxRows, long maxDelayNanos) {
  public boolean full(long rows) {
    return rows >= maxRows;
  }

  public boolean fits(long rows, long more) {
    return rows + more <= maxRows;
  }
}
