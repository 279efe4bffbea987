package io.modelops.operator.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Synthetic V2 inference at a fixed rate, round robin over the target's ready pods, straight to
 * their pod IPs on the {@code http} port. Not through the Service: the ClusterIP is not routable
 * from the operator on the local cluster (no kube-proxy), pod IPs are; and a probe per pod tells
 * which pods fail. The request body is built from the model's metadata ({@code GET
 * /v2/models/{m}}): every input filled with zeros, dynamic dimensions as 1.
 */
public final class HttpTrafficProber implements SteadyStateProber {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProbeSpec spec;
  private final ProbeStats stats;
  private final HttpClient http;
  private final ScheduledExecutorService ticker;
  private final AtomicInteger next = new AtomicInteger();

  /** Null until the reconciler told the pods: a probe before that would count as an outage. */
  private volatile List<String> endpoints;

  private volatile String body;

  HttpTrafficProber(ProbeSpec spec, Clock clock) {
    this.spec = spec;
    this.stats = new ProbeStats(clock);
    this.http = HttpClient.newBuilder().connectTimeout(spec.timeout()).build();
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "drill-prober-" + spec.model());
              t.setDaemon(true);
              return t;
            });
    long periodMicros = 1_000_000L / spec.ratePerSecond();
    ticker.scheduleAtFixedRate(this::send, 0, periodMicros, TimeUnit.MICROSECONDS);
  }

  /** The factory the operator uses. */
  public static ProberFactory factory(Clock clock) {
    return spec -> new HttpTrafficProber(spec, clock);
  }

  @Override
  public void endpoints(List<String> baseUrls) {
    this.endpoints = List.copyOf(baseUrls);
  }

  @Override
  public ProbeStats stats() {
    return stats;
  }

  private void send() {
    List<String> targets = endpoints;
    if (targets == null) {
      return;
    }
    if (targets.isEmpty()) {
      stats.record(Duration.ZERO, false);
      return;
    }
    String base = targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
    try {
      if (body == null) {
        body = requestBody(base);
      }
    } catch (Exception e) {
      stats.record(Duration.ZERO, false);
      return;
    }
    long start = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/v2/models/" + spec.model() + "/infer"))
            .timeout(spec.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) ->
                stats.record(
                    Duration.ofNanos(System.nanoTime() - start),
                    error == null && response.statusCode() == 200));
  }

  private String requestBody(String base) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/v2/models/" + spec.model()))
            .timeout(spec.timeout())
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("model metadata: HTTP " + response.statusCode());
    }
    return zeros(JSON.readTree(response.body()));
  }

  /** A V2 request with every input of the metadata filled with zeros (strings empty). */
  static String zeros(JsonNode metadata) {
    ObjectNode request = JSON.createObjectNode();
    ArrayNode inputs = request.putArray("inputs");
    for (JsonNode input : metadata.path("inputs")) {
      ObjectNode tensor = inputs.addObject();
      tensor.put("name", input.path("name").asText());
      String datatype = input.path("datatype").asText();
      tensor.put("datatype", datatype);
      ArrayNode shape = tensor.putArray("shape");
      long count = 1;
      for (JsonNode dim : input.path("shape")) {
        long d = dim.asLong() < 0 ? 1 : dim.asLong();
        shape.add(d);
        count *= d;
      }
      ArrayNode data = tensor.putArray("data");
      for (long i = 0; i < count; i++) {
        switch (datatype) {
          case "BYTES" -> data.add("");
          case "BOOL" -> data.add(false);
          default -> data.add(0);
        }
      }
    }
    return request.toString();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
