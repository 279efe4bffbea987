package io.modelops.runtime.gpu;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.inference.BatchRunner;
import io.modelops.runtime.inference.PendingRequest;
import io.modelops.runtime.inference.PreparedRequest;
import io.modelops.runtime.inference.TensorArena;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.model.LoadedModel;
import io.modelops.runtime.model.ModelLoader;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.TensorData;
import io.modelops.runtime.testmodels.CtrRankerModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GPU smoke check for a machine with an NVIDIA GPU: loads the CTR model through the runtime's own
 * loader with {@code RUNTIME_DEVICE=cuda}, prints which execution provider serves, checks scores
 * against the plain-Java forward pass, and times the runtime's batch path.
 *
 * <pre>
 * ./mvnw -B -ntp -pl inference-runtime -Pgpu test-compile exec:java \
 *     -Dexec.mainClass=io.modelops.runtime.gpu.GpuSmoke -Dexec.classpathScope=test
 * </pre>
 *
 * Exit code 0: served by CUDA; 3: fell back to CPU; 1: wrong scores or failure.
 */
public final class GpuSmoke {
  private GpuSmoke() {}

  public static void main(String[] args) throws Exception {
    String device = args.length > 0 ? args[0] : "cuda";
    CtrRankerModel ctr = CtrRankerModel.forVersion("gpu-smoke");
    Path dir = Files.createTempDirectory("gpu-smoke");
    Path file = ctr.writeTo(dir.resolve("ctr.onnx"));
    RuntimeConfig config =
        RuntimeConfig.load(
            Map.of(
                "MODEL_NAME",
                "ctr",
                "MODEL_URI",
                file.toString(),
                "MODEL_CACHE_DIR",
                dir.toString(),
                "RUNTIME_DEVICE",
                device),
            new String[0]);
    System.out.println("available providers: " + OrtEnvironment.getAvailableProviders());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    LoadedModel model = new ModelLoader(config, env).load();
    System.out.println("requested device: " + device + ", serving device: " + model.device());
    RuntimeMetrics metrics = new RuntimeMetrics("ctr", "1");
    metrics.modelInfo(model.sha256(), model.device());
    BatchRunner runner = new BatchRunner(model, metrics);
    int failures = 0;
    try (TensorArena arena = new TensorArena(env)) {
      for (int rows : new int[] {1, 16, 64, 256, 1024}) {
        long[] ids = CtrRankerModel.sampleIds(rows, rows);
        float[][] dense = CtrRankerModel.sampleDense(rows, rows);
        PreparedRequest prepared = prepare(model, ids, dense);
        float[] expected = ctr.score(ids, dense);
        float[] actual = run(runner, arena, prepared, new long[1]);
        float maxErr = 0;
        for (int i = 0; i < rows; i++) {
          maxErr = Math.max(maxErr, Math.abs(expected[i] - actual[i]));
        }
        if (maxErr > 1e-4f) {
          failures++;
        }
        int warmup = 50;
        int iterations = rows >= 1024 ? 300 : 1000;
        long[] runNanos = new long[iterations];
        for (int i = 0; i < warmup; i++) {
          run(runner, arena, prepared, new long[1]);
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
          long[] r = new long[1];
          run(runner, arena, prepared, r);
          runNanos[i] = r[0];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(runNanos);
        System.out.printf(
            "batch %5d: session.run p50 %8.1f us  p99 %8.1f us  |  %10.0f rows/s (one thread)"
                + "  max |score error| %.2e%n",
            rows,
            runNanos[iterations / 2] / 1e3,
            runNanos[(int) (iterations * 0.99)] / 1e3,
            rows * iterations / seconds,
            maxErr);
      }
    } finally {
      model.session().close();
    }
    if (failures > 0) {
      System.out.println("FAILED: scores differ from the Java forward pass");
      System.exit(1);
    }
    System.exit("cuda".equals(model.device()) ? 0 : ("cuda".equals(device) ? 3 : 0));
  }

  private static PreparedRequest prepare(LoadedModel model, long[] ids, float[][] dense) {
    ByteBuffer idBuf = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long id : ids) {
      idBuf.putLong(id);
    }
    ByteBuffer denseBuf =
        ByteBuffer.allocate(ids.length * CtrRankerModel.DENSE_DIM * 4)
            .order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : dense) {
      for (float v : row) {
        denseBuf.putFloat(v);
      }
    }
    TensorData[] inputs = new TensorData[2];
    List<TensorSpec> specs = model.signature().inputs();
    for (int i = 0; i < specs.size(); i++) {
      inputs[i] =
          specs.get(i).name().equals(CtrRankerModel.ITEM_IDS)
              ? new TensorData(
                  CtrRankerModel.ITEM_IDS, Datatype.INT64, new long[] {ids.length}, idBuf.flip())
              : new TensorData(
                  CtrRankerModel.DENSE,
                  Datatype.FP32,
                  new long[] {ids.length, CtrRankerModel.DENSE_DIM},
                  denseBuf.flip());
    }
    return new PreparedRequest(
        null,
        inputs,
        new TensorSpec[] {model.signature().output(CtrRankerModel.SCORE)},
        new boolean[] {true},
        ids.length,
        false);
  }

  private static float[] run(
      BatchRunner runner, TensorArena arena, PreparedRequest prepared, long[] runNanos) {
    float[][] out = new float[1][];
    runner.run(
        List.of(
            new PendingRequest(
                prepared,
                new PendingRequest.Callback() {
                  @Override
                  public void done(List<TensorData> outputs, long nanos) {
                    ByteBuffer b = outputs.get(0).data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                    float[] f = new float[b.remaining() / 4];
                    for (int i = 0; i < f.length; i++) {
                      f[i] = b.getFloat();
                    }
                    out[0] = f;
                    runNanos[0] = nanos;
                  }

                  @Override
                  public void failed(RuntimeException error) {
                    throw error;
                  }
                })),
        arena);
    return out[0];
  }
}
