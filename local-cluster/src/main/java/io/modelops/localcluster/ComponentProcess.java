package io.modelops.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One component (kube-controller-manager, kube-scheduler, Chaos Mesh's controller manager) run as a
 * child process, its output in {@code <workDir>/<name>.log}.
 */
final class ComponentProcess {

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ComponentProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a Kubernetes component; it serves on the port its {@code --secure-port} names. */
  static ComponentProcess start(String name, Path binary, List<String> args, Path workDir) {
    int port =
        args.stream()
            .filter(a -> a.startsWith("--secure-port="))
            .map(a -> Integer.parseInt(a.substring("--secure-port=".length())))
            .findFirst()
            .orElseThrow();
    return start(name, binary, args, Map.of(), port, workDir);
  }

  /**
   * Starts a program with {@code env} added to this JVM's environment; {@link #awaitServing} waits
   * for {@code port} on loopback.
   */
  static ComponentProcess start(
      String name,
      Path binary,
      List<String> args,
      Map<String, String> env,
      int port,
      Path workDir) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    Path log = workDir.resolve(name + ".log");
    try {
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.redirectOutput(log.toFile()).start();
      return new ComponentProcess(name, process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  /** Waits until the component listens on its secure port; fails with its log's tail if it died. */
  void awaitServing(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; last log lines:\n" + tail());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException(
        name + " did not listen on " + port + " in " + timeout + ":\n" + tail());
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
