package io.modelops.runtime.lifecycle;

import io.modelops.runtime.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model that cannot be loaded ends the process: the reason goes to the Kubernetes
 * termination-message file (so that the operator can report it) and the process exits with {@link
 * #EXIT_CODE}. See docs/runtime.md.
 */
public final class LoadFailure {
  /** Exit code of a failed model load (2 is a configuration error). */
  public static final int EXIT_CODE = 3;

  /** Every termination message written here starts with this. */
  public static final String PREFIX = "model load failed: ";

  /** Kubernetes reads at most 4096 bytes; stay well below. */
  static final int MAX_CHARS = 1024;

  private LoadFailure() {}

  /** The reason as one short line starting with {@link #PREFIX}. */
  public static String message(String reason) {
    String line = reason == null ? "unknown error" : reason.replaceAll("\\p{Cntrl}+", " ").trim();
    if (!line.startsWith(PREFIX)) {
      line = PREFIX + line;
    }
    return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 3) + "...";
  }

  /** Writes the message to the file; never throws. Returns whether it was written. */
  public static boolean write(Path file, String message) {
    try {
      Files.writeString(file, message, StandardCharsets.UTF_8);
      return true;
    } catch (IOException | RuntimeException e) {
      Log.warn("model", "cannot write the termination message to " + file + ": " + e);
      return false;
    }
  }

  /** Writes the termination message and exits with {@link #EXIT_CODE}. */
  public static void exit(Path file, String reason) {
    write(file, message(reason));
    Log.error("main", "exiting with code " + EXIT_CODE + " because the model could not be loaded");
    System.exit(EXIT_CODE);
  }
}
