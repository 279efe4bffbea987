package io.modelops.runtime.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged inference runtime started as a real process ({@code java -jar
 * inference-runtime.jar}) on a free loopback port, configured through its environment variables.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServerProcess start(Path jar, Map<String, String> env, List<String> jvmArgs, Path log)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          jar + " not found: build it with ./mvnw -pl inference-runtime -am package first");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("RUNTIME_PORT", Integer.toString(port));
    Files.createDirectories(log.toAbsolutePath().getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    ServerProcess server = new ServerProcess(builder.start(), port, log);
    server.awaitReady();
    return server;
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** CPU time (user + system) the server process has used so far, from {@code /proc}. */
  long cpuNanos() {
    return CpuTime.ofProcess(process.pid());
  }

  Path log() {
    return log;
  }

  HttpConnection connect() {
    return new HttpConnection("127.0.0.1", port);
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** The current {@code /metrics} text. */
  String scrapeMetrics() throws IOException {
    try (HttpConnection c = connect()) {
      HttpConnection.Response r =
          c.exchange(HttpConnection.request("GET", hostPort(), "/metrics", Map.of(), new byte[0]));
      if (r.status() != 200) {
        throw new IOException("/metrics answered " + r.status());
      }
      return r.bodyText();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    byte[] ready =
        HttpConnection.request("GET", hostPort(), "/v2/health/ready", Map.of(), new byte[0]);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + "; see " + log);
      }
      try (HttpConnection c = connect()) {
        if (c.exchange(ready).status() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    close();
    throw new IOException("the server did not become ready within 90 s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
