package io.modelops.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of one run of a command-line tool (kubectl, helm): exit code and combined output.
 *
 * @param exitCode the process's exit code
 * @param output stdout and stderr, interleaved
 */
public record ToolResult(int exitCode, String output) {

  static ToolResult run(Path binary, Path kubeconfig, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    // helm keeps its caches and config under these; never the user's own.
    Path home = kubeconfig.getParent().resolve("tool-home");
    builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
    builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
    try {
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 120 s");
      }
      return new ToolResult(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The output, failing with it when the tool did not exit with 0. */
  public String orFail() {
    if (exitCode != 0) {
      throw new AssertionError("exit code " + exitCode + ":\n" + output);
    }
    return output;
  }
}
