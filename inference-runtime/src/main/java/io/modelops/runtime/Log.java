package io.modelops.runtime;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Minimal line logger on stderr (no framework: fast startup, works inside signal handlers and
 * shutdown, never reset by a logging framework's own shutdown hook).
 */
public final class Log {
  private static final PrintStream OUT = System.err;

  private Log() {}

  public static void info(String component, String message) {
    write("INFO ", component, message);
  }

  public static void warn(String component, String message) {
    write("WARN ", component, message);
  }

  public static void error(String component, String message) {
    write("ERROR", component, message);
  }

  private static void write(String level, String component, String message) {
    String line = Instant.now() + " " + level + " [" + component + "] " + message;
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }
}
