package io.modelops.runtime.inference;

/** Accepts validated requests and runs them on worker threads. */
public interface Scheduler extends AutoCloseable {
  /**
   * Queues the request; throws {@link io.modelops.runtime.protocol.ApiException} 429 when the queue
   * is full.
   */
  void submit(PendingRequest request);

  /** Requests waiting for a worker. */
  int queueDepth();

  /** Stops after everything queued has run (bounded by the caller's drain). */
  @Override
  void close();
}
