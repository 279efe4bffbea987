package io.modelops.runtime.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives {@link Caller}s from a fixed number of threads ("clients").
 *
 * <ul>
 *   <li><b>Closed loop</b>: every client sends its next request as soon as the previous one is
 *       answered. Gives the capacity (rows/s) at that concurrency; latency is per call.
 *   <li><b>Open loop</b>: requests fall due at a fixed rate whatever the system does. A request
 *       that falls due while its client still waits for an answer is timed from when it was due,
 *       not from when it could be sent, so a stall is charged to every request that queued behind
 *       it (no coordinated omission).
 * </ul>
 */
final class LoadGenerator {

  private static final long MAX_TRACKABLE_NANOS = Duration.ofMinutes(5).toNanos();

  /**
   * A parked thread wakes up to ~50 us late (Linux timer slack). Waits shorter than this are not
   * parked: the request goes out up to this much early instead, so that at high rates (intervals
   * near the slack) the lateness of the generator's own wake-ups does not pile up into the schedule
   * and get charged to the system under test.
   */
  static final long PARK_SLACK_NANOS = 60_000;

  private LoadGenerator() {}

  static LoadResult closedLoop(Caller.Factory factory, int concurrency, Duration duration)
      throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    Worker[] workers = new Worker[concurrency];
    for (int i = 0; i < concurrency; i++) {
      workers[i] =
          new Worker(
              factory,
              caller -> {
                while (System.nanoTime() < deadline) {
                  // intended start == actual start: a closed-loop client waits for its answer
                  caller.callAndRecord(System.nanoTime());
                }
              });
    }
    return runWorkers("closed", concurrency, 0, workers);
  }

  /**
   * Open loop at {@code perSecond} requests in total, spread over {@code concurrency} clients that
   * each keep their own evenly spaced schedule (like wrk2). A request that falls due while its
   * client is still waiting for the previous answer is timed from when it was due; a request whose
   * client was idle is timed from when it was actually sent (at most {@link #PARK_SLACK_NANOS}
   * early), so the generator's own timer slack is not charged to the system under test.
   */
  static LoadResult openLoop(
      Caller.Factory factory, int concurrency, double perSecond, Duration duration)
      throws InterruptedException {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("arrival rate must be positive: " + perSecond);
    }
    long interval = (long) (1e9 * concurrency / perSecond);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    // Requests not sent this long after the window are dropped and counted as errors.
    long giveUp = end + Math.max(duration.toNanos(), 5_000_000_000L);
    Worker[] workers = new Worker[concurrency];
    for (int i = 0; i < concurrency; i++) {
      long first = start + interval * i / concurrency;
      workers[i] =
          new Worker(
              factory,
              caller -> {
                long previousDone = start;
                for (long due = first; due < end; due += interval) {
                  long wait;
                  while ((wait = due - System.nanoTime()) > PARK_SLACK_NANOS) {
                    LockSupport.parkNanos(wait - PARK_SLACK_NANOS);
                  }
                  long sendAt = System.nanoTime();
                  if (sendAt > giveUp) {
                    caller.dropped((end - due + interval - 1) / interval);
                    return;
                  }
                  caller.callAndRecord(previousDone > due ? due : sendAt);
                  previousDone = System.nanoTime();
                }
              });
    }
    return runWorkers("open", concurrency, perSecond, workers);
  }

  private static LoadResult runWorkers(
      String mode, int concurrency, double offered, Worker[] workers) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(workers.length);
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers.length; i++) {
      Worker w = workers[i];
      Thread t = new Thread(() -> w.run(done), "load-" + mode + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    done.await();
    long end = 0;
    Histogram latency = new Histogram(MAX_TRACKABLE_NANOS, 3);
    long requests = 0;
    long rows = 0;
    long errors = 0;
    for (Worker w : workers) {
      if (w.failure != null) {
        throw new IllegalStateException("a load client could not start", w.failure);
      }
      latency.add(w.latency);
      requests += w.requests;
      rows += w.rows;
      errors += w.errors.get();
      end = Math.max(end, w.lastCompletion);
    }
    double seconds = (Math.max(end, start) - start) / 1e9;
    return new LoadResult(mode, concurrency, offered, requests, rows, errors, seconds, latency);
  }

  /** The per-thread loop body, given a recording wrapper around the thread's caller. */
  @FunctionalInterface
  private interface Loop {
    void run(Worker.Recording caller) throws Exception;
  }

  private static final class Worker {
    private final Caller.Factory factory;
    private final Loop loop;
    private final Histogram latency = new Histogram(MAX_TRACKABLE_NANOS, 3);
    private final AtomicLong errors = new AtomicLong();
    private long requests;
    private long rows;
    private long lastCompletion;
    private volatile Throwable failure;

    Worker(Caller.Factory factory, Loop loop) {
      this.factory = factory;
      this.loop = loop;
    }

    void run(CountDownLatch done) {
      try (Caller caller = factory.create()) {
        loop.run(new Recording(caller));
      } catch (Throwable e) {
        failure = e;
      } finally {
        done.countDown();
      }
    }

    final class Recording {
      private final Caller caller;

      Recording(Caller caller) {
        this.caller = caller;
      }

      /** Counts requests that were due but never sent. */
      void dropped(long count) {
        errors.addAndGet(count);
      }

      /** Calls once; records latency from {@code intendedNanos}; false when the call failed. */
      boolean callAndRecord(long intendedNanos) {
        try {
          int scored = caller.call();
          long now = System.nanoTime();
          latency.recordValue(Math.min(now - intendedNanos, MAX_TRACKABLE_NANOS));
          requests++;
          rows += scored;
          lastCompletion = now;
          return true;
        } catch (Exception e) {
          errors.incrementAndGet();
          lastCompletion = System.nanoTime();
          return false;
        }
      }
    }
  }
}
