package io.modelops.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged runtime jar started as a real process on a free loopback port. */
public final class RuntimeProcess implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  private final Process process;
  private final List<String> logs = new ArrayList<>();
  private final URI base;
  private Thread pump;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private RuntimeProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** A fresh directory under target/it-work for one test's files. */
  public static Path workDir(String name) throws IOException {
    Path root = Path.of(System.getProperty("runtime.testWorkDir", "target/it-work"));
    Files.createDirectories(root);
    return Files.createTempDirectory(root, name + "-");
  }

  /** Starts the runtime with these settings (plus loopback, port 0, small thread pools). */
  public static RuntimeProcess start(Map<String, String> settings, String... jvmArgs)
      throws Exception {
    ProcessBuilder pb = builder(settings, jvmArgs);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Integer port = null;
    String line;
    while (port == null && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
      lines.add(line);
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
    }
    if (port == null) {
      p.destroyForcibly();
      throw new IllegalStateException("runtime did not start:\n" + String.join("\n", lines));
    }
    RuntimeProcess rp = new RuntimeProcess(p, URI.create("http://127.0.0.1:" + port));
    synchronized (rp.logs) {
      rp.logs.addAll(lines);
    }
    Thread pump =
        new Thread(
            () -> {
              try {
                String l;
                while ((l = reader.readLine()) != null) {
                  synchronized (rp.logs) {
                    rp.logs.add(l);
                  }
                }
              } catch (IOException e) {
                // process ended
              }
            },
            "runtime-log-pump");
    pump.setDaemon(true);
    pump.start();
    rp.pump = pump;
    return rp;
  }

  /** Runs the runtime expecting it to exit by itself (configuration errors). */
  public static Exited runToExit(Map<String, String> settings) throws Exception {
    // output to a file, so that a process that never exits fails the test instead of hanging it
    Path log = Files.createTempFile(workDir("exit"), "output-", ".log");
    Process p = builder(settings).redirectOutput(log.toFile()).start();
    boolean exited = p.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (!exited) {
      throw new IllegalStateException("runtime did not exit:\n" + out);
    }
    return new Exited(p.exitValue(), out);
  }

  /** Exit code and combined output of a process that ended. */
  public record Exited(int code, String output) {}

  private static ProcessBuilder builder(Map<String, String> settings, String... jvmArgs)
      throws IOException {
    String jar = System.getProperty("runtime.jar", "target/inference-runtime.jar");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xmx256m");
    Path root = Path.of(System.getProperty("runtime.testWorkDir", "target/it-work"));
    Files.createDirectories(root.resolve("tmp"));
    cmd.add("-Djava.io.tmpdir=" + root.resolve("tmp").toAbsolutePath());
    Path natives = OrtNatives.directory(root);
    if (natives != null) {
      cmd.add("-Donnxruntime.native.path=" + natives.toAbsolutePath());
    }
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-jar");
    cmd.add(jar);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("MODEL_") || k.startsWith("RUNTIME_"));
    Map<String, String> defaults = new HashMap<>();
    defaults.put("RUNTIME_HOST", "127.0.0.1");
    defaults.put("RUNTIME_PORT", "0");
    defaults.put("RUNTIME_WORKER_THREADS", "2");
    defaults.put("RUNTIME_IO_THREADS", "2");
    defaults.put("RUNTIME_ORT_INTRA_OP_THREADS", "1");
    // most tests want Ready at once; WarmupIT (and any test that sets it) warms up
    defaults.put("RUNTIME_WARMUP", "0s");
    env.putAll(defaults);
    env.putAll(settings);
    return pb;
  }

  public URI uri(String path) {
    return base.resolve(path);
  }

  public HttpClient client() {
    return client;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POST raw bytes with extra headers (name, value pairs). */
  public HttpResponse<byte[]> postBytes(String path, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  /** Polls until the readiness endpoint answers 200 (or fails after the timeout). */
  public RuntimeProcess awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (get("/v2/health/ready").statusCode() == 200) {
        return this;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("runtime never became ready:\n" + logs());
  }

  /** Waits until the model load has finished one way or the other (log line). */
  public void awaitLog(String fragment) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (logs().contains(fragment)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no log line with '" + fragment + "':\n" + logs());
  }

  public String logs() {
    synchronized (logs) {
      return String.join("\n", logs);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Resident set size in kB, from /proc. */
  public long rssKb() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS");
  }

  /**
   * Sends SIGTERM with {@code kill} (Process.destroy() would also close our end of the output pipe,
   * losing the drain log lines).
   */
  public void terminate() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -TERM " + process.pid() + " failed");
    }
  }

  /** Waits for the process to exit and for its last log lines to be read. */
  public boolean waitForExit(Duration timeout) throws InterruptedException {
    boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (exited && pump != null) {
      pump.join(15_000);
    }
    return exited;
  }

  public int exitCode() {
    return process.exitValue();
  }

  /** Value of the first sample line starting with {@code prefix} in /metrics, or NaN. */
  public double metric(String prefix) throws Exception {
    for (String l : get("/metrics").body().split("\n")) {
      if (l.startsWith(prefix)) {
        return Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
