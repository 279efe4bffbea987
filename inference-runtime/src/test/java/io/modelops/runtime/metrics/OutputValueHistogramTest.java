package io.modelops.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputValueHistogramTest {

  /** The plain definition: the first bound at or above v, else the +Inf bucket. */
  private static int firstBoundAtOrAbove(double v) {
    for (int i = 0; i < OutputValueHistogram.BOUNDS.length; i++) {
      if (v <= OutputValueHistogram.BOUNDS[i]) {
        return i;
      }
    }
    return OutputValueHistogram.BOUNDS.length;
  }

  @Test
  void bucketIsTheFirstBoundAtOrAboveTheValue() {
    for (double bound : OutputValueHistogram.BOUNDS) {
      for (double v :
          new double[] {bound, Math.nextUp(bound), Math.nextDown(bound), (float) bound}) {
        assertEquals(firstBoundAtOrAbove(v), OutputValueHistogram.bucket(v), "value " + v);
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double v = random.nextDouble(-0.5, 1.5);
      float f = (float) random.nextDouble();
      assertEquals(firstBoundAtOrAbove(v), OutputValueHistogram.bucket(v), "value " + v);
      assertEquals(firstBoundAtOrAbove(f), OutputValueHistogram.bucket(f), "value " + f);
    }
    for (double v :
        new double[] {
          0,
          -0.0,
          1.0,
          Double.MIN_VALUE,
          1e300,
          -1e300,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY
        }) {
      assertEquals(firstBoundAtOrAbove(v), OutputValueHistogram.bucket(v), "value " + v);
    }
  }

  @Test
  void aTallyAddsNothingUntilCommittedAndSkipsNaN() {
    OutputValueHistogram h = new OutputValueHistogram("m", "v");
    OutputValueHistogram.Tally tally = h.series("score").tally();
    tally.add(0.5);
    tally.add(Double.NaN);
    tally.add(0.51);
    assertTrue(h.collect().getDataPoints().stream().allMatch(p -> count(p) == 0));
    tally.commit();
    h.series("score").tally().commit(); // an empty batch changes nothing
    var point =
        (io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot)
            h.collect().getDataPoints().get(0);
    assertEquals(2, point.getCount());
    assertEquals(1.01, point.getSum(), 1e-12);
    assertEquals(1, point.getClassicBuckets().getCount(9)); // 0.5
    assertEquals(1, point.getClassicBuckets().getCount(10)); // 0.55
  }

  private static long count(io.prometheus.metrics.model.snapshots.DataPointSnapshot p) {
    return ((io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot) p)
        .getCount();
  }
}
