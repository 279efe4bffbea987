package io.modelops.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.localcluster.ControlPlaneBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus server (the cached binary of {@link ControlPlaneBinaries}) finding the
 * runtime pods of the local cluster as a user's Prometheus does: Kubernetes service discovery
 * ({@code role: pod}) against the local API server with the admin kubeconfig, the relabelling of
 * the chart's runtime PodMonitor (keep the operator's runtime pods and their port {@code http};
 * {@code namespace}, {@code modeldeployment}, {@code track} from the pod), scraping every second.
 *
 * <p>It listens on {@code host}: pass an address the pods reach the host at (a node's address, the
 * operator pod's {@code status.hostIP}), so the operator pod can query it.
 */
final class LocalPrometheus implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final String address;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LocalPrometheus(Process process, Path dir, String address) {
    this.process = process;
    this.dir = dir;
    this.address = address;
  }

  /** Starts it scraping the runtime pods of {@code namespace}; returns once it is ready. */
  static LocalPrometheus start(Path kubeconfig, String namespace, String host) throws Exception {
    Path binary = ControlPlaneBinaries.load().binary("prometheus");
    assertTrue(Files.isExecutable(binary), binary + " missing: run bash local-cluster/build.sh");
    Path dir = Files.createTempDirectory("local-prometheus-");
    Files.writeString(dir.resolve("prometheus.yml"), config(kubeconfig, namespace));
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
    var prometheus = new LocalPrometheus(process, dir, "http://" + host + ":" + port);
    try {
      prometheus.awaitReady();
    } catch (RuntimeException | Error e) {
      prometheus.close();
      throw e;
    }
    return prometheus;
  }

  /**
   * The scrape configuration: what docs/releases.md tells users to write when they do not run the
   * Prometheus Operator, the chart's runtime PodMonitor in plain Prometheus terms.
   */
  static String config(Path kubeconfig, String namespace) {
    return """
        global: {scrape_interval: 1s, scrape_timeout: 900ms}
        scrape_configs:
          - job_name: modelops-runtime
            honor_labels: true
            kubernetes_sd_configs:
              - role: pod
                kubeconfig_file: %s
                namespaces: {names: [%s]}
            relabel_configs:
              - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name, __meta_kubernetes_pod_label_app_kubernetes_io_managed_by]
                regex: inference-runtime;modelops-operator
                action: keep
              - source_labels: [__meta_kubernetes_pod_container_port_name]
                regex: http
                action: keep
              - source_labels: [__meta_kubernetes_namespace]
                target_label: namespace
              - source_labels: [__meta_kubernetes_pod_name]
                target_label: pod
              - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_instance]
                target_label: modeldeployment
              - source_labels: [__meta_kubernetes_pod_label_modelops_io_track]
                target_label: track
        """
        .formatted(kubeconfig, namespace);
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      assertTrue(process.isAlive(), "prometheus exited:\n" + log());
      assertTrue(System.nanoTime() < deadline, "prometheus not ready in 30 s:\n" + log());
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
  }

  /** The address to give {@code analysis.source.address}. */
  String address() {
    return address;
  }

  /** An instant query's raw JSON answer. */
  String query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(address + path)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
