package io.modelops.runtime.inference;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.Log;
import io.modelops.runtime.protocol.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Dynamic batching that never makes a request wait for a worker that is free ({@link WorkerSlots}
 * decides, {@link BatchQueue} groups): with nothing running, a request runs at once on the calling
 * thread (no hand-off, as with batching off); with some workers busy and one idle, the idle worker
 * takes what is queued at once; while every worker is busy, requests accumulate into batches of at
 * most {@code maxRows} rows, each batch taking requests for at most {@code maxDelay}, and the next
 * free worker runs the oldest batch.
 */
public final class BatchingScheduler implements Scheduler {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final WorkerSlots slots;
  private final BatchExecutor runner;
  private final List<Thread> workers = new CopyOnWriteArrayList<>();
  private final List<TensorArena> arenas = new CopyOnWriteArrayList<>();
  private final ThreadLocal<TensorArena> arena;
  private final LongSupplier clock;
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
    this.capacity = capacity;
    this.clock = System::nanoTime;
    this.slots =
        new WorkerSlots(new BatchPolicy(maxRows, maxDelay.toNanos()), workerCount, capacity);
    this.arena =
        ThreadLocal.withInitial(
            () -> {
              if (env == null) {
                return null;
              }
              TensorArena a = new TensorArena(env);
              arenas.add(a);
              return a;
            });
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::workLoop, "batch-worker-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  @Override
  public void submit(PendingRequest request) {
    WorkerSlots.Admission admission;
    lock.lock();
    try {
      admission =
          running ? slots.admit(request, clock.getAsLong(), true) : WorkerSlots.Admission.FULL;
      if (admission == WorkerSlots.Admission.QUEUED_WAKE) {
        work.signal();
      }
    } finally {
      lock.unlock();
    }
    switch (admission) {
      case FULL ->
          throw new ApiException(
              429, "inference queue is full (" + capacity + " requests queued); retry later");
      case RUN_NOW -> runAndRelease(List.of(request));
      default -> {}
    }
  }

  @Override
  public int queueDepth() {
    lock.lock();
    try {
      return slots.queued();
    } finally {
      lock.unlock();
    }
  }

  private void workLoop() {
    while (true) {
      List<PendingRequest> batch;
      lock.lock();
      try {
        batch = slots.next();
        while (batch == null) {
          if (!running && slots.queued() == 0) {
            return;
          }
          work.await(50, TimeUnit.MILLISECONDS);
          batch = slots.next();
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        continue;
      } finally {
        lock.unlock();
      }
      runAndRelease(batch);
    }
  }

  /** Runs a batch that holds a slot, then frees the slot and wakes a worker if work waits. */
  private void runAndRelease(List<PendingRequest> batch) {
    try {
      runner.run(batch, arena.get());
    } catch (RuntimeException e) {
      Log.error("batch", "worker error: " + e);
    } finally {
      lock.lock();
      try {
        slots.finished();
        if (slots.runnable()) {
          work.signal();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    lock.lock();
    try {
      work.signalAll();
    } finally {
      lock.unlock();
    }
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
