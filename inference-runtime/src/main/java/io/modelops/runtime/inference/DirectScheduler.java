package io.modelops.runtime.inference;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.protocol.ApiException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/** Batching off: each request runs alone on the next free worker; bounded queue. */
public final class DirectScheduler implements Scheduler {
  private final WorkerPool pool;
  private final BatchExecutor runner;
  private final int capacity;

  public DirectScheduler(BatchExecutor runner, int workers, int capacity, OrtEnvironment env) {
    this.runner = runner;
    this.capacity = capacity;
    this.pool = new WorkerPool(workers, new ArrayBlockingQueue<>(capacity), env);
  }

  @Override
  public void submit(PendingRequest request) {
    try {
      pool.executor().execute(() -> runner.run(List.of(request), pool.arena()));
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
