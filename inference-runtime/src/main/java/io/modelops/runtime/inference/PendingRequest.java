package io.modelops.runtime.inference;

import io.modelops.runtime.protocol.TensorData;
import java.util.List;

/** A validated request waiting for (or running in) a batch. */
public final class PendingRequest {
  /** Receives the outcome on a worker thread. */
  public interface Callback {
    /**
     * @param outputs the requested outputs, in request order
     * @param runNanos session.run time of the batch this request ran in
     */
    void done(List<TensorData> outputs, long runNanos);

    void failed(RuntimeException error);
  }

  final PreparedRequest prepared;
  final Callback callback;
  final long enqueuedNanos;

  public PendingRequest(PreparedRequest prepared, Callback callback) {
    this.prepared = prepared;
    this.callback = callback;
    this.enqueuedNanos = System.nanoTime();
  }

  public PreparedRequest prepared() {
    return prepared;
  }

  long rows() {
    return prepared.rows();
  }
}
