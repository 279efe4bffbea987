package io.modelops.runtime.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks admitted inference requests so that a drain can wait for them. A request is admitted
 * before it is queued and released once its response has been written.
 */
public final class DrainState {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong admitted = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private volatile boolean draining;

  /**
   * Admits a request unless draining. The increment comes before the check, so a drain that has
   * seen zero in flight after setting the flag can never miss a request admitted later.
   */
  public boolean tryAdmit() {
    inFlight.incrementAndGet();
    if (draining) {
      inFlight.decrementAndGet();
      return false;
    }
    admitted.incrementAndGet();
    return true;
  }

  /** Marks an admitted request finished (response written or connection gone). */
  public void release() {
    inFlight.decrementAndGet();
    completed.incrementAndGet();
  }

  public void startDraining() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  public int inFlight() {
    return inFlight.get();
  }

  public long admitted() {
    return admitted.get();
  }

  public long completed() {
    return completed.get();
  }

  /** Waits until nothing is in flight or the grace period ends; true when fully drained. */
  public boolean awaitIdle(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(2);
    }
    return true;
  }
}
