package io.modelops.runtime.inference;

import java.util.ArrayList;
import java.util.List;

/** Requests collected for one {@code session.run}, in arrival order. */
final class FormingBatch {
  final List<PendingRequest> requests = new ArrayList<>();
  final long openedNanos;
  long rows;
  boolean closed;

  FormingBatch(PendingRequest first, long now) {
    this.openedNanos = now;
    requests.add(first);
    rows = first.rows();
  }

  /** Whether {@code next} may join: open, both batchable, and within {@code maxRows}. */
  boolean accepts(PendingRequest next, BatchPolicy policy, long now) {
    return !closed
        && requests.get(0).prepared.batchable()
        && next.prepared.batchable()
        && policy.fits(rows, next.rows())
        && !policy.expired(openedNanos, now);
  }

  void add(PendingRequest next) {
    requests.add(next);
    rows += next.rows();
  }
}
