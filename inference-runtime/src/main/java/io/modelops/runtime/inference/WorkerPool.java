package io.modelops.runtime.inference;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.Log;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed worker threads, each with its own {@link TensorArena}. */
final class WorkerPool {
  private final ThreadPoolExecutor executor;
  private final List<TensorArena> arenas = new CopyOnWriteArrayList<>();
  private final ThreadLocal<TensorArena> arena;

  WorkerPool(int threads, BlockingQueue<Runnable> queue, OrtEnvironment env) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "infer-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, queue, factory);
    this.executor.prestartAllCoreThreads();
    this.arena =
        ThreadLocal.withInitial(
            () -> {
              TensorArena a = new TensorArena(env);
              arenas.add(a);
              return a;
            });
  }

  TensorArena arena() {
    return arena.get();
  }

  ThreadPoolExecutor executor() {
    return executor;
  }

  void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        Log.warn("infer", "workers still busy at shutdown");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (TensorArena a : arenas) {
      a.close();
    }
  }
}
