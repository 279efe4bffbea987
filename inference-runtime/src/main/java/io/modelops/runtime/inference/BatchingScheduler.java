package io.modelops.runtime.inference;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.Log;
import io.modelops.runtime.protocol.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Dynamic batching without a dispatcher thread: each worker takes the oldest queued request, adds
 * queued requests until the batch has {@code maxRows} rows or the oldest has waited {@code
 * maxDelay}, and runs it. While every worker is busy the queue fills, and the next free worker
 * takes all of it at once, so batches grow with load. One hand-off per request (I/O thread to
 * worker).
 */
public final class BatchingScheduler implements Scheduler {
  private final LinkedBlockingDeque<PendingRequest> queue;
  private final BatchPolicy policy;
  private final BatchExecutor runner;
  private final List<Thread> workers = new CopyOnWriteArrayList<>();
  private final List<TensorArena> arenas = new CopyOnWriteArrayList<>();
  private final OrtEnvironment env;
  private final int capacity;
  private volatile boolean running = true;

  public BatchingScheduler(
      BatchExecutor runner,
      int maxRows,
      Duration maxDelay,
      int workerCount,
      int capacity,
      OrtEnvironment env) {
    this.runner = runner;
    this.env = env;
    this.capacity = capacity;
    this.queue = new LinkedBlockingDeque<>(capacity);
    this.policy = new BatchPolicy(maxRows, maxDelay.toNanos());
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::workLoop, "batch-worker-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  @Override
  public void submit(PendingRequest request) {
    if (!running || !queue.offerLast(request)) {
      throw new ApiException(
          429, "inference queue is full (" + capacity + " requests queued); retry later");
    }
  }

  @Override
  public int queueDepth() {
    return queue.size();
  }

  private void workLoop() {
    TensorArena arena = env == null ? null : new TensorArena(env);
    if (arena != null) {
      arenas.add(arena);
    }
    PendingRequest carry = null;
    while (running || carry != null || !queue.isEmpty()) {
      try {
        PendingRequest first = carry != null ? carry : queue.pollFirst(50, TimeUnit.MILLISECONDS);
        carry = null;
        if (first == null) {
          continue;
        }
        List<PendingRequest> batch = new ArrayList<>();
        batch.add(first);
        if (first.prepared.batchable()) {
          PendingRequest misfit = collect(first, batch);
          // hand a request that did not fit back to the front, for whichever worker is free
          if (misfit != null && !queue.offerFirst(misfit)) {
            carry = misfit;
          }
        }
        runner.run(batch, arena);
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
      } catch (RuntimeException e) {
        Log.error("batch", "worker error: " + e);
      }
    }
  }

  /**
   * Adds requests until the batch is full or the oldest has waited {@code maxDelay} (with a zero
   * delay: only what is already queued); returns a request that did not fit, or null.
   */
  private PendingRequest collect(PendingRequest first, List<PendingRequest> batch)
      throws InterruptedException {
    long rows = first.rows();
    long deadline = first.enqueuedNanos + policy.maxDelayNanos();
    while (!policy.full(rows)) {
      long wait = deadline - System.nanoTime();
      PendingRequest next =
          wait <= 0 ? queue.pollFirst() : queue.pollFirst(wait, TimeUnit.NANOSECONDS);
      if (next == null) {
        return null;
      }
      if (!next.prepared.batchable() || !policy.fits(rows, next.rows())) {
        return next;
      }
      batch.add(next);
      rows += next.rows();
    }
    return null;
  }

  @Override
  public void close() {
    running = false;
    for (Thread t : workers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (TensorArena a : arenas) {
      a.close();
    }
  }
}
