package io.modelops.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.protocol.ApiException;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.TensorData;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batching logic with a fake executor (no ONNX Runtime). */
class BatchingSchedulerTest {
  private static final TensorSpec OUT = new TensorSpec("y", Datatype.FP32, new long[] {-1});

  private static PreparedRequest prepared(long rows, boolean batchable) {
    TensorData in =
        new TensorData("x", Datatype.FP32, new long[] {rows}, ByteBuffer.allocate((int) rows * 4));
    return new PreparedRequest(
        null, new TensorData[] {in}, new TensorSpec[] {OUT}, new boolean[1], rows, batchable);
  }

  /** Records batches; each request is answered with its batch index. */
  private static final class Recorder implements BatchExecutor {
    final List<List<PendingRequest>> batches = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public void run(List<PendingRequest> batch, TensorArena arena) {
      threads.add(Thread.currentThread().getName());
      entered.countDown();
      try {
        gate.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      batches.add(List.copyOf(batch));
      for (PendingRequest p : batch) {
        p.callback.done(List.of(), batches.size());
      }
    }
  }

  private static final class Result implements PendingRequest.Callback {
    final CountDownLatch done = new CountDownLatch(1);
    volatile RuntimeException error;

    @Override
    public void done(List<TensorData> outputs, long runNanos) {
      done.countDown();
    }

    @Override
    public void failed(RuntimeException e) {
      error = e;
      done.countDown();
    }
  }

  /** Submits from another thread, which runs it (no worker busy) and blocks in the gate. */
  private static Result occupy(Scheduler s, Recorder rec) throws InterruptedException {
    Result r = new Result();
    new Thread(() -> s.submit(new PendingRequest(prepared(1, true), r)), "occupier").start();
    assertTrue(rec.entered.await(5, TimeUnit.SECONDS));
    return r;
  }

  @Test
  void mergesQueuedRequestsUpToMaxRows() throws Exception {
    Recorder rec = new Recorder();
    rec.gate = new CountDownLatch(1);
    try (BatchingScheduler s = new BatchingScheduler(rec, 8, Duration.ofMillis(50), 1, 100, null)) {
      // a first request occupies the only slot (gate closed) so the rest queue up
      List<Result> results = new ArrayList<>();
      results.add(occupy(s, rec));
      for (int i = 0; i < 7; i++) {
        Result r = new Result();
        results.add(r);
        s.submit(new PendingRequest(prepared(3, true), r));
      }
      rec.gate.countDown();
      for (Result r : results) {
        assertTrue(r.done.await(5, TimeUnit.SECONDS));
        assertNull(r.error);
      }
      int total = 0;
      for (List<PendingRequest> b : rec.batches) {
        long rows = b.stream().mapToLong(PendingRequest::rows).sum();
        assertTrue(rows <= 8, "batch of " + rows + " rows exceeds max 8");
        total += b.size();
      }
      assertEquals(8, total, "every request ran exactly once");
      assertTrue(
          rec.batches.stream().anyMatch(b -> b.size() == 2), "queued 3-row requests merged by 2");
    }
  }

  @Test
  void aLoneRequestRunsAtOnceOnTheCallingThreadWithoutWaitingOutTheDelay() throws Exception {
    Recorder rec = new Recorder();
    try (BatchingScheduler s = new BatchingScheduler(rec, 64, Duration.ofHours(1), 2, 10, null)) {
      Result r = new Result();
      s.submit(new PendingRequest(prepared(1, true), r));
      assertEquals(0, r.done.getCount(), "answered before submit returned");
      assertEquals(List.of(Thread.currentThread().getName()), rec.threads);
    }
  }

  @Test
  void anIdleWorkerRunsAQueuedRequestWithoutWaitingOutTheDelay() throws Exception {
    Recorder rec = new Recorder();
    rec.gate = new CountDownLatch(1);
    try (BatchingScheduler s = new BatchingScheduler(rec, 64, Duration.ofHours(1), 2, 10, null)) {
      Result first = occupy(s, rec); // one slot busy, one worker idle
      Result second = new Result();
      s.submit(new PendingRequest(prepared(1, true), second));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (rec.threads.size() < 2 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertEquals(2, rec.threads.size(), "the idle worker did not take the queued request");
      assertTrue(rec.threads.get(1).startsWith("batch-worker-"), rec.threads.toString());
      rec.gate.countDown();
      assertTrue(first.done.await(5, TimeUnit.SECONDS));
      assertTrue(second.done.await(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void zeroDelayDispatchesAtOnceAndGrowsTheNextBatchWhileWorkersAreBusy() throws Exception {
    Recorder rec = new Recorder();
    rec.gate = new CountDownLatch(1);
    try (BatchingScheduler s = new BatchingScheduler(rec, 64, Duration.ZERO, 1, 100, null)) {
      Result first = occupy(s, rec); // runs at once, then blocks in the gate
      List<Result> later = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Result r = new Result();
        later.add(r);
        s.submit(new PendingRequest(prepared(2, true), r));
      }
      Thread.sleep(100);
      rec.gate.countDown();
      assertTrue(first.done.await(5, TimeUnit.SECONDS));
      for (Result r : later) {
        assertTrue(r.done.await(5, TimeUnit.SECONDS));
      }
      assertEquals(2, rec.batches.size(), "batches: " + rec.batches.size());
      assertEquals(1, rec.batches.get(0).size());
      assertEquals(5, rec.batches.get(1).size(), "requests queued behind a busy worker merge");
    }
  }

  @Test
  void unbatchableRequestsRunAlone() throws Exception {
    Recorder rec = new Recorder();
    rec.gate = new CountDownLatch(1);
    try (BatchingScheduler s = new BatchingScheduler(rec, 64, Duration.ofMillis(30), 1, 10, null)) {
      List<Result> results = new ArrayList<>();
      results.add(occupy(s, rec));
      for (boolean batchable : new boolean[] {true, false, true, true}) {
        Result r = new Result();
        results.add(r);
        s.submit(new PendingRequest(prepared(1, batchable), r));
      }
      rec.gate.countDown();
      for (Result r : results) {
        assertTrue(r.done.await(5, TimeUnit.SECONDS));
      }
      for (List<PendingRequest> b : rec.batches) {
        if (b.stream().anyMatch(p -> !p.prepared.batchable())) {
          assertEquals(1, b.size(), "an unbatchable request shared a batch");
        }
      }
    }
  }

  @Test
  void fullQueueIsA429WithAMessage() throws Exception {
    Recorder rec = new Recorder();
    rec.gate = new CountDownLatch(1);
    try (BatchingScheduler s =
        new BatchingScheduler(rec, 1000, Duration.ofSeconds(5), 1, 3, null)) {
      // capacity 3: one request runs, 3 wait
      occupy(s, rec);
      ApiException rejected = null;
      for (int i = 0; i < 20 && rejected == null; i++) {
        try {
          s.submit(new PendingRequest(prepared(1, false), new Result()));
        } catch (ApiException e) {
          rejected = e;
        }
      }
      rec.gate.countDown();
      assertTrue(rejected != null, "queue never filled");
      assertEquals(429, rejected.status());
      assertTrue(rejected.getMessage().contains("queue is full"), rejected.getMessage());
    }
  }

  @Test
  void directSchedulerRunsInlineWhileAWorkerIsFreeThenQueuesThenRejects() throws Exception {
    Recorder rec = new Recorder();
    rec.gate = new CountDownLatch(1);
    DirectScheduler s = new DirectScheduler(rec, 1, 2, null);
    try {
      Result inline = new Result();
      Thread caller =
          new Thread(() -> s.submit(new PendingRequest(prepared(1, false), inline)), "caller");
      caller.start();
      // the caller's thread itself runs the request (blocked in the gate), holding the only slot
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (caller.getState() != Thread.State.WAITING
          && caller.getState() != Thread.State.TIMED_WAITING
          && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      List<Result> queued = new ArrayList<>();
      ApiException rejected = null;
      for (int i = 0; i < 10 && rejected == null; i++) {
        Result r = new Result();
        try {
          s.submit(new PendingRequest(prepared(1, false), r));
          queued.add(r);
        } catch (ApiException e) {
          rejected = e;
        }
      }
      assertTrue(rejected != null, "queue never filled");
      assertEquals(429, rejected.status());
      assertTrue(queued.size() <= 3, "accepted " + queued.size() + " beyond capacity 2 + 1 taken");
      rec.gate.countDown();
      caller.join(5000);
      assertTrue(inline.done.await(5, TimeUnit.SECONDS));
      for (Result r : queued) {
        assertTrue(r.done.await(5, TimeUnit.SECONDS), "a queued request never ran");
      }
      assertEquals(1 + queued.size(), rec.batches.size());
    } finally {
      rec.gate.countDown();
      s.close();
    }
  }
}
