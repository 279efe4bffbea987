package io.modelops.runtime.bench;

import io.modelops.runtime.model.ModelSignature;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.monitor.InputMonitor;
import io.modelops.runtime.monitor.Recorder;
import io.modelops.runtime.monitor.ReferenceProfile;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ExampleModels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of the input monitor's own work on the inference thread for one batch of {@link
 * RuntimeBenchmark#MONITORING_BATCH} rows of the CTR benchmark payload: binning the {@code dense}
 * input (8 features) and the score, then the flush. Measured in this JVM with the thread's CPU
 * clock: one warm-up round, then {@code rounds} rounds of {@code batches} batches.
 *
 * <p>Part of the {@code monitoring} part of {@link RuntimeBenchmark}; also runs alone, without
 * servers: {@code java -cp <test classpath> io.modelops.runtime.bench.CountingCost [rounds]
 * [batches]}.
 */
final class CountingCost {
  private static final int BATCH = RuntimeBenchmark.MONITORING_BATCH;

  private CountingCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    CtrRankerModel model = CtrRankerModel.forVersion(RuntimeBenchmark.MODEL_VERSION);
    System.out.println(measure(model, ExampleModels.referenceProfile(model), rounds, batches));
  }

  /** The report line: CPU ns per batch of each round. */
  static String measure(CtrRankerModel model, ReferenceProfile reference, int rounds, int n) {
    ModelSignature signature =
        new ModelSignature(
            List.of(
                new TensorSpec(CtrRankerModel.ITEM_IDS, Datatype.INT64, new long[] {-1}),
                new TensorSpec(
                    CtrRankerModel.DENSE,
                    Datatype.FP32,
                    new long[] {-1, CtrRankerModel.DENSE_DIM})),
            List.of(new TensorSpec(CtrRankerModel.SCORE, Datatype.FP32, new long[] {-1, 1})));
    InputMonitor monitor =
        InputMonitor.create(
            reference, signature, System::currentTimeMillis, Duration.ofMinutes(1), 6);
    CtrPayloads payload = new CtrPayloads(BATCH, BATCH);
    ByteBuffer dense =
        ByteBuffer.allocateDirect(BATCH * CtrRankerModel.DENSE_DIM * 4)
            .order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : payload.dense) {
      for (float v : row) {
        dense.putFloat(v);
      }
    }
    dense.flip();
    ByteBuffer scores = ByteBuffer.allocateDirect(BATCH * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : model.score(payload.ids, payload.dense)) {
      scores.putFloat(v);
    }
    scores.flip();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<String> results = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        Recorder r = monitor.recorder();
        r.input(1, dense, BATCH);
        r.output(CtrRankerModel.SCORE, scores, BATCH);
        r.flush();
      }
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      if (round > 0) {
        results.add(String.format(Locale.ROOT, "%.0f", cpu / (double) n));
      }
    }
    return "input monitoring, on-thread counting cost (dense 8 features + score, batch "
        + BATCH
        + ", thread CPU ns per batch, "
        + rounds
        + " rounds after one warm-up round): "
        + String.join(", ", results);
  }
}
