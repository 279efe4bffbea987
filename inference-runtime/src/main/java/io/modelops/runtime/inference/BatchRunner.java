package io.modelops.runtime.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.modelops.runtime.Log;
import io.modelops.runtime.metrics.OutputValueHistogram;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.model.LoadedModel;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.monitor.InputMonitor;
import io.modelops.runtime.monitor.Recorder;
import io.modelops.runtime.protocol.ApiException;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.Fp16;
import io.modelops.runtime.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one batch (one or more requests) through the session: copies inputs into the worker's arena
 * tensors, calls {@code session.run} once, splits outputs back per request. Closes every native
 * result in {@code finally}.
 */
public final class BatchRunner implements BatchExecutor {
  /** Outputs with at most this many values per row feed the output-value histogram. */
  private static final int HISTOGRAM_MAX_VALUES_PER_ROW = 4;

  private final LoadedModel model;
  private final RuntimeMetrics metrics;
  private final InputMonitor monitor;

  public BatchRunner(LoadedModel model, RuntimeMetrics metrics) {
    this(model, metrics, null);
  }

  /** {@code monitor} null = input monitoring off. */
  public BatchRunner(LoadedModel model, RuntimeMetrics metrics, InputMonitor monitor) {
    this.model = model;
    this.metrics = metrics;
    this.monitor = monitor;
  }

  /** Runs the batch and completes every request's callback exactly once. */
  @Override
  public void run(List<PendingRequest> batch, TensorArena arena) {
    long start = System.nanoTime();
    for (PendingRequest p : batch) {
      metrics.queueWait(start - p.enqueuedNanos);
    }
    List<TensorSpec> specs = model.signature().inputs();
    long[] rows = new long[batch.size()];
    long totalRows = 0;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = batch.get(i).rows();
      totalRows += rows[i];
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (PendingRequest p : batch) {
      for (TensorSpec o : p.prepared.outputs()) {
        wanted.add(o.name());
      }
    }
    Map<String, OnnxTensor> inputs = new HashMap<>(specs.size() * 2);
    OrtSession.Result result = null;
    long runNanos;
    List<TensorData[]> perRequest = new ArrayList<>(wanted.size());
    List<String> wantedNames = new ArrayList<>(wanted);
    ByteBuffer[] monitored = monitor == null ? null : new ByteBuffer[specs.size()];
    try {
      for (int i = 0; i < specs.size(); i++) {
        TensorSpec spec = specs.get(i);
        TensorData first = batch.get(0).prepared.inputs()[i];
        long[] shape =
            batch.size() == 1 ? first.shape() : Batches.mergedShape(first.shape(), totalRows);
        long bytes = 0;
        for (PendingRequest p : batch) {
          bytes += p.prepared.inputs()[i].data().remaining();
        }
        TensorArena.Slot slot = arena.acquire(spec.name(), spec.datatype(), shape, bytes);
        ByteBuffer dst = slot.view().duplicate();
        dst.clear();
        for (PendingRequest p : batch) {
          dst.put(p.prepared.inputs()[i].data().duplicate());
        }
        inputs.put(spec.name(), slot.tensor());
        if (monitored != null && monitor.monitorsInput(i)) {
          monitored[i] = slot.view();
        }
      }
      long runStart = System.nanoTime();
      result = model.session().run(inputs, wanted);
      runNanos = System.nanoTime() - runStart;
      metrics.inference(runNanos, (int) Math.min(Integer.MAX_VALUE, totalRows));
      Recorder recorder = monitored == null ? null : monitor.recorder();
      if (recorder != null) {
        for (int i = 0; i < monitored.length; i++) {
          if (monitored[i] != null) {
            recorder.input(i, monitored[i], totalRows);
          }
        }
      }
      for (String name : wantedNames) {
        Optional<OnnxValue> value = result.get(name);
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
          throw new IllegalStateException("model produced no tensor for output '" + name + "'");
        }
        TensorInfo info = tensor.getInfo();
        Datatype type = model.signature().output(name).datatype();
        ByteBuffer data = tensor.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] shape = info.getShape();
        recordHistogram(name, type, shape, data);
        if (recorder != null && shape.length > 0) {
          recorder.output(name, data, shape[0]);
        }
        perRequest.add(
            batch.size() == 1
                ? new TensorData[] {new TensorData(name, type, shape, data)}
                : Batches.split(name, type, shape, data, rows));
      }
      if (recorder != null) {
        recorder.flush();
      }
    } catch (OrtException e) {
      if (batch.size() > 1) {
        retryAlone(batch, arena);
        return;
      }
      // the model loaded and the request matched its signature, so a failure while running
      // (shape conflicts inside the graph, indices out of range) comes from the input data
      boolean clientError =
          e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT
              || e.getCode() == OrtException.OrtErrorCode.ORT_FAIL;
      RuntimeException error =
          clientError
              ? ApiException.badRequest("the model rejected the input: " + e.getMessage())
              : new ApiException(500, "inference failed: " + e.getMessage());
      if (!clientError) {
        Log.error("infer", "inference failed: " + e);
      }
      failAll(batch, error);
      return;
    } catch (RuntimeException e) {
      Log.error("infer", "inference failed: " + e);
      failAll(batch, new ApiException(500, "inference failed: " + e.getMessage()));
      return;
    } finally {
      if (result != null) {
        result.close();
      }
      arena.trim();
    }
    for (int r = 0; r < batch.size(); r++) {
      PendingRequest p = batch.get(r);
      TensorSpec[] outs = p.prepared.outputs();
      List<TensorData> mine = new ArrayList<>(outs.length);
      for (TensorSpec o : outs) {
        mine.add(perRequest.get(wantedNames.indexOf(o.name()))[r]);
      }
      try {
        p.callback.done(mine, runNanos);
      } catch (RuntimeException e) {
        Log.error("infer", "response callback failed: " + e);
      }
    }
  }

  /** One bad request must not fail the others it was merged with: run each on its own. */
  private void retryAlone(List<PendingRequest> batch, TensorArena arena) {
    for (PendingRequest p : batch) {
      run(List.of(p), arena);
    }
  }

  private void recordHistogram(String name, Datatype type, long[] shape, ByteBuffer data) {
    if (!type.floatingPoint() || shape.length == 0 || shape[0] <= 0) {
      return;
    }
    long count = data.remaining() / type.byteSize();
    if (count / shape[0] > HISTOGRAM_MAX_VALUES_PER_ROW) {
      return;
    }
    OutputValueHistogram.Tally tally = metrics.outputHistogram(name).tally();
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < count; i++) {
      tally.add(
          switch (type) {
            case FP32 -> b.getFloat();
            case FP64 -> b.getDouble();
            default -> Fp16.toFloat(b.getShort());
          });
    }
    tally.commit();
  }

  private static void failAll(List<PendingRequest> batch, RuntimeException error) {
    for (PendingRequest p : batch) {
      try {
        p.callback.failed(error);
      } catch (RuntimeException e) {
        Log.error("infer", "error callback failed: " + e);
      }
    }
  }
}
