package io.modelops.runtime.inference;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Queued requests grouped into batches in arrival order; pure and not thread-safe (the scheduler
 * guards it). A request joins the newest batch when that batch is open, both are batchable, the
 * rows fit {@code maxRows} and the batch is younger than the queue delay; otherwise it opens the
 * next batch. So a batch never exceeds {@code maxRows} (a single request larger than that runs
 * alone), requests never overtake one another, and batches run oldest first.
 */
final class BatchQueue {
  private final ArrayDeque<FormingBatch> batches = new ArrayDeque<>();
  private final BatchPolicy policy;
  private final int capacity;
  private int requests;

  BatchQueue(BatchPolicy policy, int capacity) {
    this.policy = policy;
    this.capacity = capacity;
  }

  /** Queues {@code request} at time {@code now}; false when {@code capacity} requests wait. */
  boolean offer(PendingRequest request, long now) {
    if (requests >= capacity) {
      return false;
    }
    FormingBatch last = batches.peekLast();
    if (last != null && last.accepts(request, policy, now)) {
      last.add(request);
    } else {
      last = new FormingBatch(request, now);
      batches.addLast(last);
    }
    if (policy.full(last.rows)) {
      last.closed = true;
    }
    requests++;
    return true;
  }

  /** Removes and returns the oldest batch, or null when nothing waits. */
  List<PendingRequest> take() {
    FormingBatch b = batches.pollFirst();
    if (b == null) {
      return null;
    }
    requests -= b.requests.size();
    return b.requests;
  }

  boolean isEmpty() {
    return batches.isEmpty();
  }

  /** Requests waiting. */
  int size() {
    return requests;
  }
}
