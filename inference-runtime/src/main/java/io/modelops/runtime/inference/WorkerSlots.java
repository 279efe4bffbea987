package io.modelops.runtime.inference;

import java.util.List;

/**
 * The batching decision, pure and not thread-safe (the scheduler guards it): a request that finds a
 * worker idle and nothing queued runs at once; otherwise it queues, and an idle worker takes the
 * oldest batch at once. Batches therefore only form while every worker is busy, from what arrives
 * meanwhile, and the queue delay never holds back a request a worker could run.
 */
final class WorkerSlots {
  /** What {@link #admit} decided. */
  enum Admission {
    /** A worker slot is taken: run the request now on the calling thread. */
    RUN_NOW,
    /** Queued, and a worker is idle: wake one to {@link #next()} it. */
    QUEUED_WAKE,
    /** Queued behind busy workers: it joins a batch. */
    QUEUED,
    /** The queue is full. */
    FULL
  }

  private final BatchQueue queue;
  private final int workers;
  private int busy;

  WorkerSlots(BatchPolicy policy, int workers, int capacity) {
    this.queue = new BatchQueue(policy, capacity);
    this.workers = workers;
  }

  /**
   * Admits a request at {@code now}; {@code mayRunHere} says whether the caller can run it itself
   * (taking a slot), which is allowed only while no worker is busy at all, so that under load the
   * caller (an I/O thread) never blocks on a model run while batches could form.
   */
  Admission admit(PendingRequest request, long now, boolean mayRunHere) {
    if (mayRunHere && busy == 0 && queue.isEmpty()) {
      busy++;
      return Admission.RUN_NOW;
    }
    if (!queue.offer(request, now)) {
      return Admission.FULL;
    }
    return busy < workers ? Admission.QUEUED_WAKE : Admission.QUEUED;
  }

  /** For an idle worker: takes a slot and the oldest batch, or returns null (nothing to run). */
  List<PendingRequest> next() {
    if (busy >= workers || queue.isEmpty()) {
      return null;
    }
    busy++;
    return queue.take();
  }

  /** A run ended: its slot is free again. */
  void finished() {
    busy--;
  }

  /** Whether an idle worker has something to run. */
  boolean runnable() {
    return busy < workers && !queue.isEmpty();
  }

  int queued() {
    return queue.size();
  }

  int busy() {
    return busy;
  }
}
