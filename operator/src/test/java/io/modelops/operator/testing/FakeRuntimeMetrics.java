package io.modelops.operator.testing;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.model.Labels;
import io.modelops.operator.podmetrics.PodAddressResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local HTTP server answering {@code /<track>/metrics} like the runtime: per track, counters that
 * grow with time at a set rate (requests per second, a share of them 503, all with one latency and
 * one output score), so two scrapes of a pod an interval apart differ as a real pod's would. Pods
 * are pointed at it by {@link #resolver()} (their track label picks the path).
 */
public final class FakeRuntimeMetrics implements AutoCloseable {

  static final double[] LATENCY = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};
  static final double[] SCORES = {0.25, 0.5, 0.75, 1.0};

  /**
   * How one track behaves.
   *
   * @param requestsPerSecond inference requests answered per second (0: no traffic)
   * @param errorShare share of them answered 503
   * @param latencySeconds latency of every successful request
   * @param score the output score of every request
   */
  public record Behaviour(
      double requestsPerSecond, double errorShare, double latencySeconds, double score) {

    public static Behaviour good() {
      return new Behaviour(200, 0, 0.008, 0.4);
    }
  }

  private final HttpServer server;
  private final long startNanos = System.nanoTime();
  private final Map<String, Behaviour> tracks = new ConcurrentHashMap<>();
  private final Map<String, String> devices = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> hits =
      new ConcurrentHashMap<>();

  public FakeRuntimeMetrics() {
    tracks.put(Labels.TRACK_CANARY, Behaviour.good());
    tracks.put(Labels.TRACK_STABLE, Behaviour.good());
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String track = exchange.getRequestURI().getPath().split("/")[1];
          hits.computeIfAbsent(track, t -> new java.util.concurrent.atomic.AtomicInteger())
              .incrementAndGet();
          Behaviour b = tracks.get(track);
          byte[] body = (b == null ? "" : text(track, b)).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(b == null ? 404 : 200, body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Changes how a track behaves from now on (counters go on from where they are). */
  public void set(String track, Behaviour behaviour) {
    tracks.put(track, behaviour);
  }

  /**
   * The device the track's runtimes report in {@code modelops_runtime_model_info} from now on
   * ({@code cuda} or {@code cpu}); by default the series is not exported.
   */
  public void setDevice(String track, String device) {
    devices.put(track, device);
  }

  /** How many scrapes of the track's metrics were answered. */
  public int hits(String track) {
    var n = hits.get(track);
    return n == null ? 0 : n.get();
  }

  /** Points every pod at this server by its track. */
  public PodAddressResolver resolver() {
    return pod -> Optional.of(uri(track(pod)));
  }

  public URI uri(String track) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/" + track + "/metrics");
  }

  private static String track(Pod pod) {
    return pod.getMetadata().getLabels().getOrDefault(Labels.TRACK, "none");
  }

  private String text(String track, Behaviour b) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double total = Math.floor(b.requestsPerSecond() * seconds);
    double errors = Math.floor(total * b.errorShare());
    double ok = total - errors;
    StringBuilder s = new StringBuilder();
    String device = devices.get(track);
    if (device != null) {
      s.append("# TYPE modelops_runtime_model_info gauge\n");
      s.append("modelops_runtime_model_info{model=\"m\",version=\"v\",sha256=\"\",device=\"")
          .append(device)
          .append("\",platform=\"onnx_onnxv1\"} 1.0\n");
    }
    s.append("# TYPE modelops_runtime_requests_total counter\n");
    s.append("modelops_runtime_requests_total{outcome=\"success\",status=\"200\"} ")
        .append(ok)
        .append('\n');
    s.append("modelops_runtime_requests_total{outcome=\"rejected\",status=\"503\"} ")
        .append(errors)
        .append('\n');
    s.append("# TYPE modelops_runtime_request_duration_seconds histogram\n");
    histogram(
        s,
        "modelops_runtime_request_duration_seconds",
        "code=\"200\",",
        LATENCY,
        b.latencySeconds(),
        ok);
    histogram(
        s, "modelops_runtime_request_duration_seconds", "code=\"503\",", LATENCY, 0.00001, errors);
    s.append("# TYPE modelops_runtime_output_value histogram\n");
    histogram(s, "modelops_runtime_output_value", "output=\"score\",", SCORES, b.score(), ok);
    return s.toString();
  }

  private static void histogram(
      StringBuilder s, String name, String labels, double[] bounds, double value, double n) {
    for (double le : bounds) {
      s.append(name)
          .append("_bucket{")
          .append(labels)
          .append("le=\"")
          .append(le)
          .append("\"} ")
          .append(value <= le ? n : 0)
          .append('\n');
    }
    s.append(name).append("_bucket{").append(labels).append("le=\"+Inf\"} ").append(n).append('\n');
    s.append(name)
        .append("_count{")
        .append(labels, 0, labels.length() - 1)
        .append("} ")
        .append(n)
        .append('\n');
    s.append(name)
        .append("_sum{")
        .append(labels, 0, labels.length() - 1)
        .append("} ")
        .append(n * value)
        .append('\n');
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
