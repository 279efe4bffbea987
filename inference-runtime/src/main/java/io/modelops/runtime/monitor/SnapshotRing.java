package io.modelops.runtime.monitor;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The sliding window of an {@link InputMonitor}: a ring of {@code buckets} snapshots of the
 * cumulative counters, one taken at every {@code bucket} boundary. The window's counts are the
 * totals now minus the oldest snapshot, i.e. the last {@code buckets - 1} to {@code buckets} bucket
 * lengths (since the start while the process is younger than that). Snapshots are taken lazily, by
 * {@link #tick} (a timer and every read call it), so the inference path rotates nothing.
 */
final class SnapshotRing {
  private final LongSupplier clockMillis;
  private final long bucketMillis;
  private final long[][] ring;
  private int size;
  private int next;
  private long lastBucket;

  SnapshotRing(LongSupplier clockMillis, Duration bucket, int buckets, int cells) {
    this.clockMillis = clockMillis;
    this.bucketMillis = bucket.toMillis();
    if (bucketMillis <= 0 || buckets < 2) {
      throw new IllegalArgumentException("bucket must be >= 1ms and buckets >= 2");
    }
    this.ring = new long[buckets][];
    // the start counts as the first boundary, so a young process's window reaches back to it
    this.ring[0] = new long[cells];
    this.size = 1;
    this.next = 1 % buckets;
    this.lastBucket = clockMillis.getAsLong() / bucketMillis;
  }

  /** Takes the snapshots of every bucket boundary passed since the last call. */
  synchronized void tick(Supplier<long[]> totals) {
    long bucket = clockMillis.getAsLong() / bucketMillis;
    if (bucket <= lastBucket) {
      return;
    }
    long[] snapshot = totals.get();
    // boundaries missed in between get the same snapshot (nothing was observed or it is unknown
    // when), at most one ring's worth
    long missed = Math.min(bucket - lastBucket, ring.length);
    for (long i = 0; i < missed; i++) {
      ring[next] = snapshot;
      next = (next + 1) % ring.length;
      size = Math.min(size + 1, ring.length);
    }
    lastBucket = bucket;
  }

  /** Counts inside the window: the totals now minus the oldest snapshot. */
  synchronized long[] counts(Supplier<long[]> totals) {
    tick(totals);
    long[] now = totals.get();
    long[] oldest = ring[size < ring.length ? 0 : next];
    for (int i = 0; i < now.length; i++) {
      now[i] -= oldest[i];
    }
    return now;
  }
}
