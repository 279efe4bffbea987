package io.modelops.operator.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.modelops.api.v1alpha1.AnalysisCheck;
import io.modelops.api.v1alpha1.AnalysisMetric;
import io.modelops.api.v1alpha1.AnalysisSource;
import io.modelops.api.v1alpha1.AnalysisSourceType;
import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.analysis.TrackWindow;
import io.modelops.operator.release.AnalysisRequest;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.release.AnalysisVerdict.Kind;
import io.modelops.operator.testing.CanaryAnalysisFixtures;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus source against a stub API that answers each of the five queries with a
 * hand-written vector: the figures, the verdicts, and every failure made Inconclusive.
 */
class PrometheusAnalysisSourceTest {

  static final Duration INTERVAL = Duration.ofSeconds(30);
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Instant DUE = T0.plus(INTERVAL);

  /** {@code {track=.., le=..}} bucket samples of one track: cumulative counts per bound. */
  static List<PromSample> buckets(String track, Map<String, Double> counts, String output) {
    List<PromSample> out = new ArrayList<>();
    counts.forEach(
        (le, v) ->
            out.add(
                new PromSample(
                    output == null
                        ? Map.of("track", track, "le", le)
                        : Map.of("track", track, "le", le, "output", output),
                    v)));
    return out;
  }

  static PromSample of(String track, double v) {
    return new PromSample(Map.of("track", track), v);
  }

  /** All 594 successful requests of a track in (0.005, 0.01]: p99 = 9.95 ms. */
  static final Map<String, Double> FAST = Map.of("0.005", 0.0, "0.01", 594.0, "+Inf", 594.0);

  /** In (0.1, 0.25]: p99 = 0.1 + 0.15 · 0.99 = 248.5 ms. */
  static final Map<String, Double> SLOW =
      Map.of("0.005", 0.0, "0.1", 0.0, "0.25", 594.0, "+Inf", 594.0);

  final Map<String, List<PromSample>> answers = new ConcurrentHashMap<>();
  final List<String> queries = new ArrayList<>();
  int status = 200;
  HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        exchange -> {
          String query =
              URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
          synchronized (queries) {
            queries.add(query);
          }
          String body;
          if (status != 200) {
            body = "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}";
          } else {
            List<PromSample> vector =
                answers.entrySet().stream()
                    .filter(e -> query.startsWith("query=" + e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(List.of());
            body = json(vector);
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static String json(List<PromSample> vector) {
    StringBuilder s =
        new StringBuilder(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 0; i < vector.size(); i++) {
      PromSample p = vector.get(i);
      s.append(i == 0 ? "" : ",").append("{\"metric\":{");
      int j = 0;
      for (var l : p.labels().entrySet()) {
        s.append(j++ == 0 ? "" : ",")
            .append('"')
            .append(l.getKey())
            .append("\":\"")
            .append(l.getValue())
            .append('"');
      }
      s.append("},\"value\":[1796119230,\"").append(p.value()).append("\"]}");
    }
    return s.append("]}}").toString();
  }

  /** Answers the five queries; the latency buckets of each track from {@code latency}. */
  void serve(
      double canaryRequests,
      double canary5xx,
      Map<String, Double> canaryLatency,
      Map<String, Double> stableLatency) {
    PromQueries q = PromQueries.of("search", "ctr", INTERVAL);
    answers.put(q.pods(), List.of(of("canary", 2), of("stable", 2)));
    answers.put(q.status5xx(), List.of(of("canary", canary5xx), of("stable", 0)));
    answers.put(q.requests(), List.of(of("canary", canaryRequests), of("stable", 1200)));
    List<PromSample> latency = new ArrayList<>(buckets("canary", canaryLatency, null));
    latency.addAll(buckets("stable", stableLatency, null));
    answers.put(q.successLatencyBuckets(), latency);
    answers.put(q.outputBuckets(), List.of());
  }

  PrometheusAnalysisSource source() {
    return new PrometheusAnalysisSource(new PrometheusClient(Duration.ofSeconds(2)));
  }

  AnalysisRequest request(Instant now) {
    ModelDeployment md = CanaryAnalysisFixtures.withSlo("search", "ctr");
    AnalysisSource source = new AnalysisSource();
    source.setType(AnalysisSourceType.Prometheus);
    source.setAddress("http://127.0.0.1:" + server.getAddress().getPort());
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setSource(source);
    CanaryAnalysisFixtures.setAnalysis(md, analysis);
    return new AnalysisRequest(
        CanaryAnalysisFixtures.oneStepCanary(md, INTERVAL),
        CanaryAnalysisFixtures.progressingSince(T0),
        now);
  }

  @Test
  void passesAGoodCanaryOnTheQueriedFigures() {
    serve(600, 6, FAST, FAST);
    AnalysisVerdict v = source().verdict(request(DUE));
    assertEquals(Kind.PASS, v.kind(), v.message());
    assertEquals("20", v.report().getCanaryRequestRate(), "600 requests over 30 s");
    assertEquals("40", v.report().getStableRequestRate());
    assertEquals("9.95", v.report().getChecks().get(0).getValue());
    assertEquals("0.01", v.report().getChecks().get(1).getValue(), "6 / 600");
    assertEquals(5, queries.size(), "five queries: " + queries);
    assertTrue(
        queries.stream().allMatch(q -> q.contains("&time=1796119230.000&timeout=2000ms")),
        queries.toString());
  }

  @Test
  void failsASlowCanaryWithTheCheckValueAndThreshold() {
    serve(600, 0, SLOW, FAST);
    AnalysisVerdict v = source().verdict(request(DUE));
    assertEquals(Kind.FAIL, v.kind(), v.message());
    assertEquals("P99LatencyMs", v.check());
    assertEquals("248.5", v.value());
    assertEquals("100", v.threshold());
  }

  @Test
  void failsACanaryWhoseMedianIsSlowerThanAP50Check() {
    // canary in (0.1, 0.25]: p50 = 0.1 + 0.15 · 0.5 = 175 ms, over the 50 ms of the only latency
    // check (no latencyP99)
    AnalysisRequest request = request(DUE);
    AnalysisCheck p50 = new AnalysisCheck();
    p50.setMetric(AnalysisMetric.P50LatencyMs);
    p50.setMax("50");
    request.spec().md().getSpec().getRelease().getCanary().getAnalysis().setChecks(List.of(p50));
    request.spec().md().getSpec().getSlo().setLatencyP99(null);
    serve(600, 0, SLOW, FAST);
    AnalysisVerdict v = source().verdict(request);
    assertEquals(Kind.FAIL, v.kind(), v.message());
    assertEquals("P50LatencyMs", v.check());
    assertEquals("175", v.value());
    assertEquals("50", v.threshold());
  }

  @Test
  void failsACanaryThatGetsLessThanItsShareOfRequests() {
    // both tracks 2 pods over 30 s: canary 600 requests = 10/s per pod, stable 1200 = 20/s per
    // pod; at most 25 % less than the stable: 15
    AnalysisRequest request = request(DUE);
    AnalysisCheck rate = new AnalysisCheck();
    rate.setMetric(AnalysisMetric.RequestRate);
    rate.setRelativeTo(io.modelops.api.v1alpha1.AnalysisBaseline.Stable);
    rate.setMaxDecrease("25%");
    request.spec().md().getSpec().getRelease().getCanary().getAnalysis().setChecks(List.of(rate));
    serve(600, 0, FAST, FAST);
    AnalysisVerdict v = source().verdict(request);
    assertEquals(Kind.FAIL, v.kind(), v.message());
    assertEquals("RequestRate", v.check());
    assertEquals("10", v.value());
    assertEquals("RequestRate 10 below 15 (stable 20 − 25%)", v.message());
  }

  @Test
  void failsAnErroringCanary() {
    serve(600, 60, FAST, FAST);
    AnalysisVerdict v = source().verdict(request(DUE));
    assertEquals(Kind.FAIL, v.kind(), v.message());
    assertEquals("ErrorRatio", v.check());
    assertEquals("0.1", v.value());
    assertEquals("0.01", v.threshold());
  }

  @Test
  void aCanaryWithoutTrafficOrSeriesIsInconclusive() {
    serve(5, 0, Map.of(), FAST);
    AnalysisVerdict idle = source().verdict(request(DUE));
    assertEquals(Kind.INCONCLUSIVE, idle.kind());
    assertTrue(idle.message().startsWith("no traffic"), idle.message());

    answers.clear(); // every query: empty vector
    AnalysisVerdict none = source().verdict(request(DUE));
    assertEquals(Kind.INCONCLUSIVE, none.kind());
    assertTrue(
        none.message()
            .contains(
                "modelops_runtime_requests_total{namespace=\"search\",modeldeployment=\"ctr\",track=\"canary\"} in the last 30s"),
        none.message());
    assertEquals("Inconclusive", none.report().getChecks().get(0).getVerdict());
  }

  @Test
  void aFailingPrometheusIsInconclusiveWithTheReason() {
    status = 500;
    AnalysisVerdict v = source().verdict(request(DUE));
    assertEquals(Kind.INCONCLUSIVE, v.kind());
    assertEquals("no data: Prometheus answered HTTP 500 internal: boom", v.message());
  }

  @Test
  void anUnreachablePrometheusIsInconclusiveNotAnException() {
    server.stop(0);
    AnalysisVerdict v = source().verdict(request(DUE));
    assertEquals(Kind.INCONCLUSIVE, v.kind());
    assertTrue(v.message().contains("could not be queried"), v.message());
  }

  @Test
  void asksNothingBeforeTheIntervalIsDue() {
    AnalysisVerdict v = source().verdict(request(DUE.minusSeconds(1)));
    assertEquals(Kind.NOT_YET_DUE, v.kind());
    assertEquals(List.of(), queries);
  }

  @Test
  void windowsFromVectors() {
    var windows =
        PrometheusAnalysisSource.windows(
            List.of(of("canary", 1)),
            List.of(of("canary", 100), of("stable", Double.NaN)),
            List.of(of("canary", 3)),
            buckets("canary", FAST, null),
            buckets("canary", Map.of("0.5", 10.0, "+Inf", 40.0), "score"),
            INTERVAL);
    TrackWindow canary = windows.get("canary");
    assertEquals(1, canary.pods());
    assertEquals(100, canary.requests());
    assertEquals(0.03, canary.errorRatio(), 1e-12);
    assertEquals(9.95, canary.latencyMs(0.99), 1e-9);
    assertEquals(7.5, canary.latencyMs(0.5), 1e-9, "0.005 + 0.005 · 0.5");
    assertEquals(40, canary.outputs().get("score").count());
    assertEquals(0, windows.get("stable").pods(), "no pod seen: the stable's NaN is no data");
  }
}
