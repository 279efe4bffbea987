package io.modelops.localcluster;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded pools of daemon threads for the service proxy (Java 17: no virtual threads). */
final class ProxyThreads {

  private ProxyThreads() {}

  /**
   * At most {@code max} threads and no queue: a task beyond that is rejected ({@link
   * java.util.concurrent.RejectedExecutionException}), so the caller can refuse the connection.
   */
  static ThreadPoolExecutor direct(String name, int max) {
    return new ThreadPoolExecutor(
        0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons(name));
  }

  /** At most {@code max} threads; further tasks wait in a queue. */
  static ThreadPoolExecutor queued(String name, int max) {
    var pool =
        new ThreadPoolExecutor(
            max, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One daemon thread, started. */
  static Thread start(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static ThreadFactory daemons(String name) {
    var count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
