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
 * A V2 inference server started as a real process on a free loopback port: the packaged inference
 * runtime ({@code java -jar inference-runtime.jar}, configured through its environment variables)
 * or a {@link Peer}'s start script run by its venv's Python.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final boolean runtimeMetrics;

  private ServerProcess(Process process, int port, Path log, boolean runtimeMetrics) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.runtimeMetrics = runtimeMetrics;
  }

  /**
   * Starts the runtime jar; {@code launcher} goes before the java command (e.g. {@code taskset -c
   * 0}, which execs java, so the process is still the JVM itself).
   */
  static ServerProcess start(
      Path jar, Map<String, String> env, List<String> launcher, List<String> jvmArgs, Path log)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          jar + " not found: build it with ./mvnw -pl inference-runtime -am package first");
    }
    int port = freePort();
    List<String> command = new ArrayList<>(launcher);
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("RUNTIME_PORT", Integer.toString(port));
    return launch(command, all, log, port, true, 90);
  }

  /**
   * Starts {@code peer}'s script with {@code python} (its venv's), serving {@code model} under the
   * name {@code modelName} with {@code workers} inference workers; waits up to {@code readySeconds}
   * for {@code /v2/health/ready}.
   */
  static ServerProcess startPeer(
      Peer peer,
      Path python,
      Path model,
      String modelName,
      int workers,
      Path log,
      long readySeconds)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command =
        List.of(
            python.toString(),
            PeerVenv.SCRIPTS.resolve(peer.script).toAbsolutePath().toString(),
            "--port",
            Integer.toString(port),
            "--model",
            model.toAbsolutePath().toString(),
            "--workers",
            Integer.toString(workers),
            "--name",
            modelName);
    // unbuffered, so the log shows a crash's last words
    return launch(command, Map.of("PYTHONUNBUFFERED", "1"), log, port, false, readySeconds);
  }

  private static ServerProcess launch(
      List<String> command,
      Map<String, String> env,
      Path log,
      int port,
      boolean runtimeMetrics,
      long readySeconds)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Files.createDirectories(log.toAbsolutePath().getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    ServerProcess server = new ServerProcess(builder.start(), port, log, runtimeMetrics);
    server.awaitReady(readySeconds);
    return server;
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * CPU time (user + system) the server has used so far, from {@code /proc}: its process and every
   * live descendant (the peers serve from worker processes: uvicorn workers, MLServer's inference
   * pool, tritonserver and PyTriton's proxies).
   */
  long cpuNanos() {
    long total = CpuTime.ofProcess(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      long cpu = CpuTime.ofProcess(child.pid());
      total += Math.max(0, cpu);
    }
    return total;
  }

  /**
   * CPU time so far of the server JVM's JIT compiler threads (0 for a peer's process tree, which
   * has none of its own); see {@link CpuTime#compilerThreads}.
   */
  long compilerCpuNanos() {
    return Math.max(0, CpuTime.compilerThreads(process.pid()));
  }

  /**
   * JIT compilations running or queued in the server JVM now, from {@code jcmd <pid>
   * Compiler.queue}; -1 when that cannot be asked (a peer, no jcmd). On a starved CPU a compiler
   * thread can sit on a full queue without getting CPU, so its CPU time alone cannot tell that the
   * JIT is done.
   */
  int pendingCompilations() {
    if (!runtimeMetrics) {
      return -1;
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Compiler.queue")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return -1;
      }
      return compilationsIn(out);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Counts the tasks in {@code jcmd Compiler.queue} output: lines under "Current compiles:" and
   * under each "... compile queue:" other than "Empty"; -1 when the output has no such sections.
   */
  static int compilationsIn(String jcmdOutput) {
    int count = 0;
    boolean inSection = false;
    boolean sawSection = false;
    for (String raw : jcmdOutput.split("\n")) {
      String line = raw.trim();
      if (line.startsWith("Current compiles:") || line.endsWith("compile queue:")) {
        inSection = true;
        sawSection = true;
      } else if (line.isEmpty()) {
        inSection = false;
      } else if (inSection && !line.equals("Empty")) {
        count++;
      }
    }
    return sawSection ? count : -1;
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

  /** The current {@code /metrics} text; null for a peer (its metrics are not ours). */
  String scrapeMetrics() throws IOException {
    if (!runtimeMetrics) {
      return null;
    }
    try (HttpConnection c = connect()) {
      HttpConnection.Response r =
          c.exchange(HttpConnection.request("GET", hostPort(), "/metrics", Map.of(), new byte[0]));
      if (r.status() != 200) {
        throw new IOException("/metrics answered " + r.status());
      }
      return r.bodyText();
    }
  }

  private void awaitReady(long seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
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
    throw new IOException("the server did not become ready within " + seconds + " s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Stops the process, then whatever it started that outlived it. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }
}
