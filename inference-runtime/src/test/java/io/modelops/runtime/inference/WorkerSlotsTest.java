package io.modelops.runtime.inference;

import static io.modelops.runtime.inference.WorkerSlots.Admission.FULL;
import static io.modelops.runtime.inference.WorkerSlots.Admission.QUEUED;
import static io.modelops.runtime.inference.WorkerSlots.Admission.QUEUED_WAKE;
import static io.modelops.runtime.inference.WorkerSlots.Admission.RUN_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.TensorData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching decision with a fake clock (times are plain nanosecond values). */
class WorkerSlotsTest {
  private static final long MS = 1_000_000;
  private static final TensorSpec OUT = new TensorSpec("y", Datatype.FP32, new long[] {-1});

  static PendingRequest request(long rows, boolean batchable) {
    TensorData in =
        new TensorData("x", Datatype.FP32, new long[] {rows}, ByteBuffer.allocate((int) rows * 4));
    PreparedRequest p =
        new PreparedRequest(
            "r", new TensorData[] {in}, new TensorSpec[] {OUT}, new boolean[1], rows, batchable);
    return new PendingRequest(p, null);
  }

  private static WorkerSlots slots(int maxRows, long delay, int workers, int capacity) {
    return new WorkerSlots(new BatchPolicy(maxRows, delay), workers, capacity);
  }

  @Test
  void withNothingRunningARequestRunsAtOnceOnTheCaller() {
    WorkerSlots s = slots(32, 2 * MS, 2, 100);
    assertEquals(RUN_NOW, s.admit(request(1, true), 0, true));
    assertEquals(1, s.busy());
    assertEquals(0, s.queued());
  }

  @Test
  void anIdleWorkerTakesAQueuedRequestAtOnceWithoutWaitingOutTheDelay() {
    WorkerSlots s = slots(32, 2 * MS, 2, 100);
    s.admit(request(1, true), 0, true); // runs on the caller; one worker still idle
    PendingRequest second = request(1, true);
    assertEquals(QUEUED_WAKE, s.admit(second, 10, true));
    assertEquals(List.of(second), s.next(), "the idle worker runs it now, not after 2 ms");
    assertEquals(2, s.busy());
  }

  @Test
  void whileAllWorkersAreBusyRequestsAccumulateIntoOneBatch() {
    WorkerSlots s = slots(32, 2 * MS, 2, 100);
    s.admit(request(1, true), 0, true);
    s.admit(request(1, true), 0, true);
    assertEquals(1, s.next().size());
    List<PendingRequest> arrived = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      PendingRequest r = request(1, true);
      arrived.add(r);
      assertEquals(QUEUED, s.admit(r, 100 + i, true));
    }
    assertNull(s.next(), "no worker is free");
    s.finished();
    assertTrue(s.runnable());
    assertEquals(arrived, s.next(), "the next free worker runs all of them, in arrival order");
  }

  @Test
  void aBatchNeverExceedsMaxRowsAndTheRestFormTheNextBatch() {
    WorkerSlots s = slots(8, 0, 1, 100);
    s.admit(request(1, true), 0, true); // the only slot is busy
    for (int i = 0; i < 7; i++) {
      s.admit(request(3, true), i, true);
    }
    s.finished();
    List<Long> sizes = new ArrayList<>();
    List<PendingRequest> b;
    while ((b = s.next()) != null) {
      sizes.add(b.stream().mapToLong(PendingRequest::rows).sum());
      s.finished();
    }
    assertEquals(List.of(6L, 6L, 6L, 3L), sizes);
  }

  @Test
  void aBatchStopsTakingRequestsOnceTheDelayHasPassed() {
    WorkerSlots s = slots(32, 2 * MS, 1, 100);
    s.admit(request(1, true), 0, true);
    s.admit(request(1, true), 1 * MS, true);
    s.admit(request(1, true), 2 * MS, true); // the batch opened at 1 ms still takes it
    s.admit(request(1, true), 3 * MS, true); // 2 ms after it opened: starts the next batch
    s.finished();
    assertEquals(2, s.next().size());
    s.finished();
    assertEquals(1, s.next().size());
  }

  @Test
  void unbatchableAndOversizedRequestsRunAloneAndKeepTheirPlace() {
    WorkerSlots s = slots(4, 0, 1, 100);
    s.admit(request(1, true), 0, true);
    PendingRequest a = request(1, true);
    PendingRequest lone = request(1, false);
    PendingRequest b = request(1, true);
    PendingRequest big = request(9, true);
    PendingRequest c = request(1, true);
    for (PendingRequest r : List.of(a, lone, b, big, c)) {
      s.admit(r, 0, true);
    }
    s.finished();
    List<List<PendingRequest>> order = new ArrayList<>();
    List<PendingRequest> batch;
    while ((batch = s.next()) != null) {
      order.add(batch);
      s.finished();
    }
    assertEquals(List.of(List.of(a), List.of(lone), List.of(b), List.of(big), List.of(c)), order);
  }

  @Test
  void theCallerDoesNotRunWhenItMayNotOrAWorkerIsBusy() {
    WorkerSlots s = slots(32, 0, 2, 100);
    assertEquals(QUEUED_WAKE, s.admit(request(1, true), 0, false));
    assertEquals(1, s.next().size());
    assertEquals(QUEUED_WAKE, s.admit(request(1, true), 0, true), "a worker is busy");
  }

  @Test
  void aFullQueueRefuses() {
    WorkerSlots s = slots(32, 0, 1, 2);
    s.admit(request(1, true), 0, true);
    assertEquals(QUEUED, s.admit(request(1, true), 0, true));
    assertEquals(QUEUED, s.admit(request(1, true), 0, true));
    assertEquals(FULL, s.admit(request(1, true), 0, true));
    assertEquals(2, s.queued());
  }
}
