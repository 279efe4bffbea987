package io.modelops.operator.drill;

import java.util.List;

/** Sends synthetic traffic at the target during a drill and keeps its {@link ProbeStats}. */
public interface SteadyStateProber extends AutoCloseable {

  /** Where to send: base URLs of the ready pods ({@code http://10.1.2.3:8080}). */
  void endpoints(List<String> baseUrls);

  /** What was measured. */
  ProbeStats stats();

  /** Stops sending. */
  @Override
  void close();
}
