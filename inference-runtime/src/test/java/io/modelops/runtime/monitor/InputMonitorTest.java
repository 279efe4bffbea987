package io.modelops.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelops.runtime.model.ModelSignature;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.monitor.ReferenceProfile.FeatureProfile;
import io.modelops.runtime.monitor.ReferenceProfile.TensorProfile;
import io.modelops.runtime.protocol.Datatype;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InputMonitorTest {

  /** x: [N, 3] FP32, ids: [N] INT64; score [N, 1] FP32. */
  private static final ModelSignature SIGNATURE =
      new ModelSignature(
          List.of(
              new TensorSpec("ids", Datatype.INT64, new long[] {-1}),
              new TensorSpec("x", Datatype.FP32, new long[] {-1, 3})),
          List.of(new TensorSpec("score", Datatype.FP32, new long[] {-1, 1})));

  /** Feature 0 and 2 of x: two bins split at 0, training range [-1, 1]; score split at 0.5. */
  private static ReferenceProfile profile() {
    FeatureProfile half = new FeatureProfile(0, -1, 1, new double[] {0}, new double[] {0.5, 0.5});
    FeatureProfile third = new FeatureProfile(2, -1, 1, new double[] {0}, new double[] {0.5, 0.5});
    return new ReferenceProfile(
        "t",
        10,
        List.of(new TensorProfile("x", List.of(half, third))),
        List.of(
            new TensorProfile(
                "score",
                List.of(
                    new FeatureProfile(0, 0, 1, new double[] {0.5}, new double[] {0.5, 0.5})))));
  }

  private final AtomicLong clock = new AtomicLong(1_000_000);

  private InputMonitor monitor() {
    return InputMonitor.create(profile(), SIGNATURE, clock::get, Duration.ofMinutes(1), 3);
  }

  private static ByteBuffer rows(float[][] rows) {
    ByteBuffer b =
        ByteBuffer.allocateDirect(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      for (float v : r) {
        b.putFloat(v);
      }
    }
    return b.flip();
  }

  private static void send(InputMonitor m, float[][] x) {
    Recorder r = m.recorder();
    r.input(1, rows(x), x.length);
    r.flush();
  }

  private static TrackedTensor x(InputMonitor m) {
    return m.tracked().get(0);
  }

  @Test
  void identicalDistributionScoresZeroAndShiftScoresTheHandValue() {
    InputMonitor m = monitor();
    // feature 0: 2 below 0, 2 above -> a = e; feature 2: 3 above, 1 below -> a = (.25, .75)
    send(
        m,
        new float[][] {
          {-0.5f, 9, 0.5f}, {-0.1f, 9, 0.1f}, {0.1f, 9, 0.9f}, {0.9f, 9, -0.3f},
        });
    double[] psi = m.psi(x(m));
    assertEquals(0.0, psi[0], 1e-12);
    assertEquals(0.2746530721670274, psi[1], 1e-12);
    assertEquals(4, m.windowRows());
  }

  @Test
  void countsOutOfRangeAndNonFiniteAndBinsOutOfRangeAtTheEnds() {
    InputMonitor m = monitor();
    send(
        m,
        new float[][] {
          {-3, 0, Float.NaN},
          {5, 0, Float.POSITIVE_INFINITY},
          {Float.NaN, 0, Float.NEGATIVE_INFINITY},
          {1, 0, -1},
        });
    TrackedTensor t = x(m);
    assertEquals(1, m.total(t, 0, TrackedTensor.BELOW));
    assertEquals(1, m.total(t, 0, TrackedTensor.ABOVE), "1 is the max itself: in range");
    assertEquals(1, m.total(t, 0, TrackedTensor.NAN));
    assertEquals(0, m.total(t, 0, TrackedTensor.INF));
    assertEquals(0, m.total(t, 1, TrackedTensor.BELOW), "-1 is the min itself: in range");
    assertEquals(1, m.total(t, 1, TrackedTensor.NAN));
    assertEquals(2, m.total(t, 1, TrackedTensor.INF));
    // feature 0's finite values -3 | 5, 1 -> bins (1, 2): a = (1/3, 2/3)
    double a0 = 1 / 3.0;
    double a1 = 2 / 3.0;
    double expected = (a0 - 0.5) * Math.log(a0 / 0.5) + (a1 - 0.5) * Math.log(a1 / 0.5);
    assertEquals(expected, m.psi(t, 0), 1e-12);
  }

  @Test
  void nothingIsPublishedBeforeFlush() {
    InputMonitor m = monitor();
    Recorder r = m.recorder();
    r.input(1, rows(new float[][] {{-2, 0, 0}}), 1);
    assertEquals(0, m.total(x(m), 0, TrackedTensor.BELOW));
    r.flush();
    assertEquals(1, m.total(x(m), 0, TrackedTensor.BELOW));
  }

  @Test
  void unmonitoredInputAndOutputAreIgnored() {
    InputMonitor m = monitor();
    Recorder r = m.recorder();
    r.input(0, ByteBuffer.allocate(8), 1);
    r.output("other", ByteBuffer.allocate(4), 1);
    r.flush();
    assertEquals(0, m.windowRows());
  }

  @Test
  void outputScorePsi() {
    InputMonitor m = monitor();
    Recorder r = m.recorder();
    r.output("score", rows(new float[][] {{0.9f}, {0.8f}, {0.7f}, {0.1f}}), 4);
    r.flush();
    TrackedTensor score = m.tracked().get(1);
    assertEquals("score", score.name());
    assertEquals(0.2746530721670274, m.psi(score, 0), 1e-12);
  }

  @Test
  void windowForgetsBucketsOlderThanTheRing() {
    // 3 snapshots of 1 minute: the window covers the last 2 to 3 minutes
    InputMonitor m = monitor();
    send(m, new float[][] {{-0.5f, 0, -0.5f}}); // minute 0: one row in bin 0
    clock.addAndGet(60_000);
    m.tick();
    send(m, new float[][] {{0.5f, 0, 0.5f}, {0.5f, 0, 0.5f}}); // minute 1: two rows in bin 1
    assertEquals(3, m.windowRows());
    assertArrayEquals(new long[] {1, 2}, bins(m));
    clock.addAndGet(60_000);
    m.tick();
    clock.addAndGet(60_000);
    m.tick(); // ring now holds snapshots at minutes 1, 2, 3: minute 0 is gone
    assertEquals(2, m.windowRows());
    assertArrayEquals(new long[] {0, 2}, bins(m));
    clock.addAndGet(60_000);
    m.tick();
    assertEquals(0, m.windowRows());
    assertTrue(Double.isNaN(m.psi(x(m), 0)), "empty window: NaN");
    // the cumulative counters are not windowed
    send(m, new float[][] {{-7, 0, 0}});
    clock.addAndGet(10 * 60_000);
    assertEquals(0, m.windowRows(), "a read after a long gap takes the missed snapshots itself");
    assertEquals(1, m.total(x(m), 0, TrackedTensor.BELOW));
  }

  private static long[] bins(InputMonitor m) {
    long[] w = m.windowCounts();
    TrackedTensor t = x(m);
    return new long[] {w[t.base[0]], w[t.base[0] + 1]};
  }

  @Test
  void stripesOfSeveralThreadsAddUp() throws InterruptedException {
    InputMonitor m = monitor();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t =
          new Thread(
              () -> {
                for (int k = 0; k < 1000; k++) {
                  send(m, new float[][] {{-0.5f, 0, 0.5f}, {0.5f, 0, -0.5f}});
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(8000, m.windowRows());
    assertEquals(0.0, m.psi(x(m), 0), 1e-12);
  }

  @Test
  void capsFeaturesAndSkipsWhatDoesNotFit() {
    List<FeatureProfile> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(new FeatureProfile(i, 0, 1, new double[] {0.5}, new double[] {0.5, 0.5}));
    }
    ModelSignature wide =
        new ModelSignature(
            List.of(
                new TensorSpec("wide", Datatype.FP32, new long[] {-1, 100}),
                new TensorSpec("ids", Datatype.INT64, new long[] {-1}),
                new TensorSpec("x", Datatype.FP32, new long[] {-1, 3})),
            List.of());
    ReferenceProfile p =
        new ReferenceProfile(
            "",
            0,
            List.of(
                new TensorProfile("wide", many),
                new TensorProfile("ids", many.subList(0, 1)),
                new TensorProfile("absent", many.subList(0, 1)),
                new TensorProfile("x", many.subList(2, 5))),
            List.of());
    InputMonitor m = InputMonitor.create(p, wide, clock::get, Duration.ofMinutes(1), 3);
    assertEquals(2, m.tracked().size());
    assertEquals(InputMonitor.MAX_FEATURES, m.tracked().get(0).features());
    assertEquals(1, m.tracked().get(1).features(), "x has 3 columns: only feature 2 fits");
    assertEquals(2, m.tracked().get(1).column(0));
    assertNull(
        InputMonitor.create(
            new ReferenceProfile("", 0, List.of(new TensorProfile("ids", many)), List.of()),
            wide,
            clock::get,
            Duration.ofMinutes(1),
            3),
        "nothing monitorable: no monitor");
  }

  @Test
  void exportsTheDocumentedSeries() {
    InputMonitor m = monitor();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Monitoring.bind(m, registry, Tags.of("model", "m", "version", "1"));
    send(m, new float[][] {{-3, 0, Float.NaN}, {0.5f, 0, 0.5f}});
    String text = registry.scrape();
    assertTrue(
        text.contains(
            "modelops_runtime_input_out_of_range_total{feature=\"0\",input=\"x\",model=\"m\",side=\"below\",version=\"1\"} 1.0"),
        text);
    assertTrue(
        text.contains(
            "modelops_runtime_input_missing_total{feature=\"2\",input=\"x\",kind=\"nan\",model=\"m\",version=\"1\"} 1.0"),
        text);
    assertTrue(
        text.contains(
            "modelops_runtime_input_psi{feature=\"0\",input=\"x\",model=\"m\",version=\"1\"} 0.0"),
        text);
    assertTrue(
        text.contains(
            "modelops_runtime_output_psi{model=\"m\",output=\"score\",version=\"1\"} NaN"),
        text);
    assertTrue(
        text.contains("modelops_runtime_monitor_window_rows{model=\"m\",version=\"1\"} 2.0"), text);
  }

  @Test
  void fp32LookupGridBinsExactlyLikeTheBinarySearch() {
    double[] edges = {-2.5, -1, -0.999999, -0.25, 0, 1e-7, 0.3, 0.30000001, 0.7, 4};
    double[] expected = new double[edges.length + 1];
    java.util.Arrays.fill(expected, 1.0 / expected.length);
    FeatureProfile f = new FeatureProfile(1, -3, 5, edges, expected);
    InputMonitor m =
        InputMonitor.create(
            new ReferenceProfile("", 0, List.of(new TensorProfile("x", List.of(f))), List.of()),
            SIGNATURE,
            clock::get,
            Duration.ofMinutes(1),
            3);
    List<Float> values = new ArrayList<>();
    for (double e : edges) {
      float v = (float) e;
      values.add(v);
      values.add(Math.nextUp(v));
      values.add(Math.nextDown(v));
    }
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 5000; i++) {
      values.add((float) (random.nextDouble() * 10 - 4));
    }
    values.addAll(
        List.of(
            Float.NaN,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            -3f,
            5f,
            -3.0001f,
            5.0001f,
            Float.MAX_VALUE,
            -Float.MAX_VALUE));
    float[][] rows = new float[values.size()][];
    long[] want = new long[edges.length + 1 + TrackedTensor.EXTRA];
    int extra = edges.length + 1;
    for (int i = 0; i < rows.length; i++) {
      float v = values.get(i);
      rows[i] = new float[] {0, v, 0};
      if (Float.isNaN(v)) {
        want[extra + TrackedTensor.NAN]++;
      } else if (Float.isInfinite(v)) {
        want[extra + TrackedTensor.INF]++;
      } else {
        want[Psi.bin(edges, v)]++;
        if (v < -3) {
          want[extra + TrackedTensor.BELOW]++;
        } else if (v > 5) {
          want[extra + TrackedTensor.ABOVE]++;
        }
      }
    }
    send(m, rows);
    long[] w = m.windowCounts();
    TrackedTensor t = x(m);
    long[] got = java.util.Arrays.copyOfRange(w, t.base[0], t.base[0] + want.length);
    assertArrayEquals(want, got);
  }
}
