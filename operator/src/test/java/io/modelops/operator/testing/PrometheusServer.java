package io.modelops.operator.testing;

import io.modelops.localcluster.ControlPlaneBinaries;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real Prometheus (built by {@code local-cluster/build.sh}) on a free loopback port, with a
 * configuration of the test's own, in a temporary folder it deletes when closed. For the tests that
 * query it over its HTTP API.
 */
public final class PrometheusServer implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final String address;

  private PrometheusServer(Process process, Path dir, String address) {
    this.process = process;
    this.dir = dir;
    this.address = address;
  }

  /**
   * Starts Prometheus with {@code config} and waits until it is ready and {@code until} holds for
   * its address (30 s at most), failing with its log otherwise.
   */
  public static PrometheusServer start(String config, Predicate<String> until) throws Exception {
    Path binary = ControlPlaneBinaries.load().binary("prometheus");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run bash local-cluster/build.sh");
    }
    Path dir = Files.createTempDirectory("prometheus-test-");
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
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server = new PrometheusServer(process, dir, "http://127.0.0.1:" + port);
    try {
      server.awaitReady(until);
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady(Predicate<String> until) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited:\n" + log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("prometheus not ready in time:\n" + log());
      }
      try {
        var ready =
            http.send(
                HttpRequest.newBuilder(URI.create(address + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200 && until.test(address)) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        // not listening yet, or the condition's query failed: try again
      }
      Thread.sleep(100);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String address() {
    return address;
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
