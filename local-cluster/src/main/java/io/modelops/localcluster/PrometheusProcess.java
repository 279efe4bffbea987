package io.modelops.localcluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real Prometheus server ({@code prometheus} of {@link ControlPlaneBinaries}) as a child
 * process on a free port, with the caller's configuration, its storage and log in a temporary
 * folder that {@link #close()} deletes. For tests that query it over its HTTP API.
 */
public final class PrometheusProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path dir;
  private final String address;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusProcess(Process process, Path dir, String address) {
    this.process = process;
    this.dir = dir;
    this.address = address;
  }

  /** {@link #start(String, String, Predicate)} that waits for {@code /-/ready} only. */
  public static PrometheusProcess start(String config, String host)
      throws IOException, InterruptedException {
    return start(config, host, address -> true);
  }

  /**
   * Starts Prometheus with {@code config} ({@code prometheus.yml}'s text), listening on {@code
   * host} (an address other processes reach it at: {@code 127.0.0.1}, or a node's address for
   * pods), and returns once {@code /-/ready} answers 200 and then {@code until} holds for its
   * {@link #address()}. An exception from {@code until} counts as not yet. Fails with its log if it
   * exits or is not there in 30 s, stopping it.
   */
  public static PrometheusProcess start(String config, String host, Predicate<String> until)
      throws IOException, InterruptedException {
    Path binary = ControlPlaneBinaries.load().binary("prometheus");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run bash local-cluster/build.sh");
    }
    Path dir = Files.createTempDirectory("prometheus-");
    Files.writeString(dir.resolve("prometheus.yml"), config);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=" + host + ":" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    var prometheus = new PrometheusProcess(process, dir, "http://" + host + ":" + port);
    try {
      prometheus.awaitReady(until);
    } catch (InterruptedException | RuntimeException | Error e) {
      prometheus.close();
      throw e;
    }
    return prometheus;
  }

  private void awaitReady(Predicate<String> until) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited with " + process.exitValue() + ":\n" + log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("prometheus not ready in " + START_TIMEOUT + ":\n" + log());
      }
      try {
        if (get("/-/ready").statusCode() == 200 && until.test(address)) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        // not listening yet, or the condition's query failed: try again
      }
      Thread.sleep(100);
    }
  }

  /** {@code http://<host>:<port>}: what a client's Prometheus address setting takes. */
  public String address() {
    return address;
  }

  /** An instant query's raw JSON answer. */
  public String query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(address + path)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Its output so far; gone once closed. */
  public String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL after 10 s; then deletes its folder. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
