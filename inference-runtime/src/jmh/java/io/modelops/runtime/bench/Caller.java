package io.modelops.runtime.bench;

/**
 * One client of the system under test, used by a single load-generator thread. Each call sends one
 * request, waits for the answer and returns how many rows it scored; a thrown exception counts as
 * an error.
 */
interface Caller extends AutoCloseable {

  int call() throws Exception;

  @Override
  default void close() throws Exception {}

  /** Makes one {@link Caller} per load-generator thread (callers are not shared). */
  @FunctionalInterface
  interface Factory {
    Caller create() throws Exception;
  }
}
