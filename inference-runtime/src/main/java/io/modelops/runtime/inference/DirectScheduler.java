package io.modelops.runtime.inference;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.protocol.ApiException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Batching off: each request runs alone. While fewer than {@code workers} requests are running it
 * runs on the calling (I/O) thread, which saves a thread hand-off per request; otherwise it waits
 * in a bounded queue for a worker thread, and a full queue is a 429.
 */
public final class DirectScheduler implements Scheduler {
  private final WorkerPool pool;
  private final BatchExecutor runner;
  private final int capacity;
  private final Semaphore running;

  public DirectScheduler(BatchExecutor runner, int workers, int capacity, OrtEnvironment env) {
    this.runner = runner;
    this.capacity = capacity;
    this.running = new Semaphore(workers);
    this.pool = new WorkerPool(workers, new ArrayBlockingQueue<>(capacity), env);
  }

  @Override
  public void submit(PendingRequest request) {
    if (running.tryAcquire()) {
      try {
        runner.run(List.of(request), pool.arena());
      } finally {
        running.release();
      }
      return;
    }
    try {
      pool.executor()
          .execute(
              () -> {
                running.acquireUninterruptibly();
                try {
                  runner.run(List.of(request), pool.arena());
                } finally {
                  running.release();
                }
              });
    } catch (RejectedExecutionException e) {
      throw new ApiException(
          429, "inference queue is full (" + capacity + " requests queued); retry later");
    }
  }

  @Override
  public int queueDepth() {
    return pool.executor().getQueue().size();
  }

  @Override
  public void close() {
    pool.close();
  }
}
