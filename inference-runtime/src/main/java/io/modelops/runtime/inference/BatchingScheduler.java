package io.modelops.runtime.inference;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.Log;
import io.modelops.runtime.protocol.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Dynamic batching: a dispatcher thread merges queued requests until the batch has {@code maxRows}
 * rows or the oldest request has waited {@code maxDelay}, then hands the batch to a free worker.
 * While every worker is busy the queue keeps filling, so batches grow under load.
 */
public final class BatchingScheduler implements Scheduler {
  private final BlockingQueue<PendingRequest> queue;
  private final BatchPolicy policy;
  private final BatchExecutor runner;
  private final WorkerPool pool;
  private final Semaphore freeWorkers;
  private final Thread dispatcher;
  private final int capacity;
  private volatile boolean running = true;

  public BatchingScheduler(
      BatchExecutor runner,
      int maxRows,
      Duration maxDelay,
      int workers,
      int capacity,
      OrtEnvironment env) {
    this.runner = runner;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.policy = new BatchPolicy(maxRows, maxDelay.toNanos());
    this.pool = new WorkerPool(workers, new LinkedBlockingQueue<>(), env);
    this.freeWorkers = new Semaphore(workers);
    this.dispatcher = new Thread(this::dispatchLoop, "batch-dispatcher");
    this.dispatcher.setDaemon(true);
    this.dispatcher.start();
  }

  @Override
  public void submit(PendingRequest request) {
    if (!running || !queue.offer(request)) {
      throw new ApiException(
          429, "inference queue is full (" + capacity + " requests queued); retry later");
    }
  }

  @Override
  public int queueDepth() {
    return queue.size();
  }

  private void dispatchLoop() {
    PendingRequest carry = null;
    while (running || carry != null || !queue.isEmpty()) {
      try {
        PendingRequest first = carry != null ? carry : queue.poll(50, TimeUnit.MILLISECONDS);
        carry = null;
        if (first == null) {
          continue;
        }
        List<PendingRequest> batch = new ArrayList<>();
        batch.add(first);
        boolean haveWorker = false;
        if (first.prepared.batchable()) {
          carry = collect(first, batch);
          if (carry == null) {
            // every worker busy: keep growing the batch until one frees up (or it is full)
            haveWorker = collectWhileBusy(batch);
            carry = overflow;
            overflow = null;
          }
        }
        if (!haveWorker) {
          freeWorkers.acquire();
        }
        List<PendingRequest> ready = batch;
        pool.executor()
            .execute(
                () -> {
                  try {
                    runner.run(ready, pool.arena());
                  } finally {
                    freeWorkers.release();
                  }
                });
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
      } catch (RuntimeException e) {
        Log.error("batch", "dispatcher error: " + e);
      }
    }
  }

  /** Set by {@link #collectWhileBusy} to a request that did not fit (dispatcher thread only). */
  private PendingRequest overflow;

  /**
   * While no worker is free, adds newly queued requests to the batch. Returns true once a worker
   * permit is held; false when the batch is full or a request did not fit ({@link #overflow}).
   */
  private boolean collectWhileBusy(List<PendingRequest> batch) throws InterruptedException {
    long rows = 0;
    for (PendingRequest p : batch) {
      rows += p.rows();
    }
    while (!policy.full(rows)) {
      if (freeWorkers.tryAcquire()) {
        return true;
      }
      PendingRequest next = queue.poll(200, TimeUnit.MICROSECONDS);
      if (next == null) {
        continue;
      }
      if (!next.prepared.batchable() || !policy.fits(rows, next.rows())) {
        overflow = next;
        return false;
      }
      batch.add(next);
      rows += next.rows();
    }
    return false;
  }

  /**
   * Adds requests until the batch is full or the oldest has waited {@code maxDelay} (with a zero
   * delay: only what is already queued); returns one that did not fit (for the next batch) or null.
   */
  private PendingRequest collect(PendingRequest first, List<PendingRequest> batch)
      throws InterruptedException {
    long rows = first.rows();
    long deadline = first.enqueuedNanos + policy.maxDelayNanos();
    while (!policy.full(rows)) {
      long wait = deadline - System.nanoTime();
      PendingRequest next = wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
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
    try {
      dispatcher.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.close();
  }
}
