package io.modelops.localcluster.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands ({@code ip}, {@code sysctl}) and fails with their own words. */
final class Commands {

  private Commands() {}

  /** Runs {@code command}; returns its output, or throws with the exit code and output. */
  static String run(String... command) {
    Result result = attempt(command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " failed (exit "
              + result.exitCode()
              + "): "
              + result.output().strip());
    }
    return result.output();
  }

  /** Runs {@code command} and returns its exit code and output, whatever they are. */
  static Result attempt(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(124, output + " (timed out)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }

  /** A finished command. */
  record Result(int exitCode, String output) {}
}
