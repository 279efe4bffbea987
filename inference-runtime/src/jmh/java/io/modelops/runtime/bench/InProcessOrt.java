package io.modelops.runtime.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.modelops.runtime.testmodels.CtrRankerModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The baseline: the same model run with ONNX Runtime Java in this process, no network and no
 * protocol. Each call wraps direct buffers as tensors (zero-copy), runs the shared session and
 * reads the scores, which is the least any server must also do.
 */
final class InProcessOrt implements AutoCloseable {

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  InProcessOrt(byte[] model, int intraOpThreads) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = env.createSession(model, options);
    }
  }

  /** A caller scoring {@code payload} on every call. */
  Caller.Factory callers(CtrPayloads payload) {
    return () -> new OrtCaller(payload);
  }

  /** Scores once, for the correctness check. */
  float[] score(CtrPayloads payload) throws Exception {
    try (OrtCaller caller = new OrtCaller(payload)) {
      return caller.run();
    }
  }

  private final class OrtCaller implements Caller {
    private final int batch;
    private final LongBuffer ids;
    private final FloatBuffer dense;

    OrtCaller(CtrPayloads payload) {
      this.batch = payload.batch();
      this.ids = direct(batch * Long.BYTES).asLongBuffer().put(payload.ids).flip();
      this.dense = direct(batch * CtrRankerModel.DENSE_DIM * Float.BYTES).asFloatBuffer();
      for (float[] row : payload.dense) {
        dense.put(row);
      }
      dense.flip();
    }

    @Override
    public int call() throws OrtException {
      return run().length;
    }

    float[] run() throws OrtException {
      try (OnnxTensor idTensor = OnnxTensor.createTensor(env, ids, new long[] {batch});
          OnnxTensor denseTensor =
              OnnxTensor.createTensor(env, dense, new long[] {batch, CtrRankerModel.DENSE_DIM});
          OrtSession.Result result =
              session.run(
                  Map.of(CtrRankerModel.ITEM_IDS, idTensor, CtrRankerModel.DENSE, denseTensor))) {
        FloatBuffer scores = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[] out = new float[scores.remaining()];
        scores.get(out);
        return out;
      }
    }

    private static ByteBuffer direct(int bytes) {
      return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
