package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  /** Answers in ~1 ms, except call number {@code stallAt} which takes {@code stallMillis}. */
  private static Caller.Factory stallingOnce(int stallAt, long stallMillis) {
    AtomicInteger calls = new AtomicInteger();
    return () ->
        () -> {
          Thread.sleep(calls.incrementAndGet() == stallAt ? stallMillis : 1);
          return 4;
        };
  }

  @Test
  void openLoopChargesAStallToEveryRequestQueuedBehindIt() throws Exception {
    LoadResult open =
        LoadGenerator.openLoop(stallingOnce(20, 300), 1, 100, Duration.ofMillis(1_500));
    // at 100 req/s, ~30 requests fall due during the 300 ms stall: each waited tens of ms
    long slow = open.latencyNanos().getCountBetweenValues(50_000_000L, Long.MAX_VALUE);
    assertTrue(slow >= 15, "queued requests must carry the stall, got " + slow + " slow ones");
    assertEquals(0, open.errors());
    assertEquals(open.requests() * 4, open.rows());
    assertTrue(open.requests() >= 140, "every due request is eventually sent: " + open.requests());
  }

  @Test
  void closedLoopSeesTheStallOnlyOnce() throws Exception {
    LoadResult closed = LoadGenerator.closedLoop(stallingOnce(20, 300), 1, Duration.ofMillis(800));
    long slow = closed.latencyNanos().getCountBetweenValues(250_000_000L, Long.MAX_VALUE);
    // a closed-loop client only records its own slow call (a loaded host may add a stray one)
    assertTrue(slow >= 1 && slow <= 2, "slow calls recorded: " + slow);
    assertTrue(closed.rowsPerSecond() > 0);
  }

  @Test
  void failuresAreCountedNotRecorded() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Caller.Factory flaky =
        () ->
            () -> {
              Thread.sleep(1);
              if (calls.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("boom");
              }
              return 1;
            };
    LoadResult r = LoadGenerator.closedLoop(flaky, 2, Duration.ofMillis(300));
    assertTrue(r.errors() > 0);
    assertEquals(r.requests(), r.latencyNanos().getTotalCount());
    assertTrue(Math.abs(r.errors() - r.requests()) <= 2, "about half fail: " + r);
  }
}
