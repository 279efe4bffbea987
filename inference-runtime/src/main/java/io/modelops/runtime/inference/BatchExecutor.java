package io.modelops.runtime.inference;

import java.util.List;

/** Runs one merged batch on the calling worker thread and completes every callback. */
@FunctionalInterface
public interface BatchExecutor {
  void run(List<PendingRequest> batch, TensorArena arena);
}
