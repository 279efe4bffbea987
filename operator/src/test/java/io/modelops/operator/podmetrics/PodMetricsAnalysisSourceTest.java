package io.modelops.operator.podmetrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.modelops.api.v1alpha1.AnalysisCheck;
import io.modelops.api.v1alpha1.AnalysisMetric;
import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.analysis.ScrapeInterval;
import io.modelops.operator.analysis.TrackWindow;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ResolvedSpec;
import io.modelops.operator.release.AnalysisRequest;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.release.AnalysisVerdict.Kind;
import io.modelops.operator.testing.CanaryAnalysisFixtures;
import io.modelops.operator.testing.FakeRuntimeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodMetricsAnalysisSourceTest {

  static final Duration INTERVAL = Duration.ofSeconds(30);
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  static String fixture(String file) throws IOException {
    try (InputStream in =
        PodMetricsAnalysisSourceTest.class.getResourceAsStream("/analysis/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Pod pod(String name, String track, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("search")
        .withUid("uid-" + name)
        .withLabels(Map.of(Labels.TRACK, track))
        .endMetadata()
        .withNewStatus()
        .withPodIP("127.0.0.1")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }

  @Test
  void scrapesARealRuntimeScrapeOverHttpAndLeavesOutPodsThatDoNotAnswer() throws Exception {
    String[] body = {fixture("runtime-start.txt")};
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] bytes = body[0].getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    int port = server.getAddress().getPort();
    PodAddressResolver resolver =
        p ->
            Optional.of(
                URI.create(
                    p.getMetadata().getName().equals("gone")
                        ? "http://127.0.0.1:" + port + "/nothing"
                        : "http://127.0.0.1:" + port + "/metrics"));
    try (PodScraper scraper = new PodScraper(resolver, Duration.ofSeconds(2), 2)) {
      List<Pod> pods = List.of(pod("a", "canary", true), pod("gone", "canary", true));
      var start = scraper.scrape(pods);
      assertEquals(List.of("uid-a"), List.copyOf(start.keySet()), "a 404 is left out");
      body[0] = fixture("runtime-end.txt");
      var end = scraper.scrape(pods);
      TrackWindow w = TrackWindow.of(ScrapeInterval.between(start, end), INTERVAL);
      assertEquals(10, w.requests()); // 15 - 5
      // 5xx by status: 500s 2 - 1, and the two 503s the runtime files as "rejected"
      assertEquals(3, w.status5xx());
      // this capture predates the code label: every answer's latency counts
      assertEquals(10, w.successLatency().count());
      assertEquals(6, w.outputs().get("score").count());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void productionAddressIsPodIpAndTheNamedHttpPort() {
    Pod p = pod("a", "canary", true);
    assertEquals(
        URI.create("http://127.0.0.1:8080/metrics"),
        PodAddressResolver.podIp().metricsUri(p).orElseThrow());
    p.setSpec(
        new io.fabric8.kubernetes.api.model.PodSpecBuilder()
            .addNewContainer()
            .withName("inference-runtime")
            .addNewPort()
            .withName("http")
            .withContainerPort(9000)
            .endPort()
            .endContainer()
            .build());
    assertEquals(
        URI.create("http://127.0.0.1:9000/metrics"),
        PodAddressResolver.podIp().metricsUri(p).orElseThrow());
    p.getStatus().setPodIP(null);
    assertTrue(PodAddressResolver.podIp().metricsUri(p).isEmpty());
  }

  /** A ready canary pod and a ready stable pod. */
  static final List<Pod> ONE_POD_EACH =
      List.of(pod("c1", "canary", true), pod("s1", "stable", true));

  /** The source scraping {@code runtime}, 2 s timeout. */
  static PodMetricsAnalysisSource source(FakeRuntimeMetrics runtime) {
    return new PodMetricsAnalysisSource(
        new PodScraper(runtime.resolver(), Duration.ofSeconds(2), 2));
  }

  /** Waits until no scrape the source started for {@code request} is under way. */
  static void awaitAnswered(PodMetricsAnalysisSource source, AnalysisRequest request) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> !source.scraping(request));
  }

  /** Asks until the scrapes the source starts have answered: its answer once they are in. */
  static AnalysisVerdict settled(PodMetricsAnalysisSource source, AnalysisRequest request) {
    AnalysisVerdict v = source.verdict(request);
    while (source.scraping(request)) {
      awaitAnswered(source, request);
      v = source.verdict(request);
    }
    return v;
  }

  @Test
  void neverWaitsForAPodThatDoesNotAnswer() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var source =
            new PodMetricsAnalysisSource(
                new PodScraper(
                    p ->
                        Optional.of(
                            URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/metrics")),
                    Duration.ofSeconds(2),
                    2))) {
      List<Pod> pods = ONE_POD_EACH;
      AnalysisRequest request = request(spec(), T0, pods);
      assertEquals(Kind.NOT_YET_DUE, source.verdict(request).kind());
      // A call that waited for the silent pods would come back with the scrape over (timed out,
      // after 2-4 s); this one comes back while it still runs.
      assertTrue(source.scraping(request), "the baseline scrape runs in the background");
      awaitAnswered(source, request);
      assertEquals(Kind.NOT_YET_DUE, source.verdict(request).kind());
      assertTrue(source.scraping(request), "no pod answered: asked again, in the background");
    }
  }

  static AnalysisRequest request(ResolvedSpec spec, Instant now, List<Pod> pods) {
    return new AnalysisRequest(spec, CanaryAnalysisFixtures.progressingSince(T0), now, pods);
  }

  static ResolvedSpec spec() {
    return CanaryAnalysisFixtures.oneStepCanary(
        CanaryAnalysisFixtures.withSlo("search", "ctr"), INTERVAL);
  }

  @Test
  void judgesAnIntervalFromBaselineAndEndScrapes() throws Exception {
    try (FakeRuntimeMetrics runtime = new FakeRuntimeMetrics();
        var source = source(runtime)) {
      runtime.set("canary", new FakeRuntimeMetrics.Behaviour(1000, 0.05, 0.3, 0.4));
      List<Pod> pods =
          List.of(pod("c1", "canary", true), pod("c2", "canary", false), pod("s1", "stable", true));
      ResolvedSpec spec = spec();
      assertEquals(
          Kind.NOT_YET_DUE, settled(source, request(spec, T0.plusSeconds(1), pods)).kind());
      Thread.sleep(300);
      Instant due = T0.plus(INTERVAL);
      assertEquals(
          Kind.NOT_YET_DUE,
          source.verdict(request(spec, due, pods)).kind(),
          "the end scrape runs in the background");
      awaitAnswered(source, request(spec, due, pods));
      AnalysisVerdict v = source.verdict(request(spec, due.plusSeconds(1), pods));
      assertEquals(due, v.at(), "the time the end scrape started, not when it was picked up");
      assertEquals(Kind.FAIL, v.kind(), v.message());
      assertEquals("P99LatencyMs", v.check());
      assertEquals("100", v.threshold());
      var report = v.report();
      assertEquals("Failed", report.getResult());
      assertEquals("29s", report.getWindow(), "from the baseline, taken at T0+1s");
      assertEquals(2, report.getChecks().size());
      var errors = report.getChecks().get(1);
      assertEquals("ErrorRatio", errors.getMetric());
      assertEquals("Fail", errors.getVerdict());
      assertEquals(Boolean.FALSE, errors.getPassed());
      assertTrue(Double.parseDouble(report.getCanaryRequestRate()) > 0);
    }
  }

  @Test
  void anEndScrapeOfAnIntervalThatMovedIsDropped() throws Exception {
    try (FakeRuntimeMetrics runtime = new FakeRuntimeMetrics();
        var source = source(runtime)) {
      ResolvedSpec spec = spec();
      Instant due = T0.plus(INTERVAL);
      settled(source, request(spec, T0.plusSeconds(1), ONE_POD_EACH));
      assertEquals(Kind.NOT_YET_DUE, source.verdict(request(spec, due, ONE_POD_EACH)).kind());
      awaitAnswered(source, request(spec, due, ONE_POD_EACH));
      // meanwhile the interval moved (say another operator replica counted a verdict at `due`)
      ReleaseStatus moved = CanaryAnalysisFixtures.progressingSince(T0);
      moved.setLastAnalysisAt(Conditions.format(due));
      AnalysisRequest next = new AnalysisRequest(spec, moved, due.plusSeconds(1), ONE_POD_EACH);
      assertEquals(Kind.NOT_YET_DUE, source.verdict(next).kind(), "the old end scrape is not used");
      assertTrue(source.scraping(next), "the new interval's baselines are being taken");
    }
  }

  @Test
  void aRestartedOperatorWaitsForHalfAnIntervalOfBaselines() throws Exception {
    try (FakeRuntimeMetrics runtime = new FakeRuntimeMetrics();
        var source = source(runtime)) {
      List<Pod> pods = ONE_POD_EACH;
      ResolvedSpec spec = spec();
      Instant due = T0.plus(INTERVAL);
      assertEquals(Kind.NOT_YET_DUE, settled(source, request(spec, due, pods)).kind());
      assertEquals(
          Kind.NOT_YET_DUE, settled(source, request(spec, due.plusSeconds(5), pods)).kind());
      Thread.sleep(300);
      AnalysisVerdict v = settled(source, request(spec, due.plusSeconds(15), pods));
      assertEquals(Kind.PASS, v.kind(), v.message());
      assertEquals("15s", v.report().getWindow());
      assertNull(v.check());
    }
  }

  @Test
  void noTrafficAndNoReadyCanaryAreInconclusive() throws Exception {
    try (FakeRuntimeMetrics runtime = new FakeRuntimeMetrics();
        var source = source(runtime)) {
      runtime.set("canary", new FakeRuntimeMetrics.Behaviour(0, 0, 0.01, 0.4));
      List<Pod> pods = ONE_POD_EACH;
      ResolvedSpec spec = spec();
      settled(source, request(spec, T0, pods));
      AnalysisVerdict quiet = settled(source, request(spec, T0.plus(INTERVAL), pods));
      assertEquals(Kind.INCONCLUSIVE, quiet.kind());
      assertTrue(quiet.message().startsWith("no traffic"), quiet.message());
      assertEquals("Inconclusive", quiet.report().getChecks().get(0).getVerdict());
      assertNull(quiet.report().getChecks().get(0).getPassed());

      List<Pod> noCanary = List.of(pod("s1", "stable", true));
      Instant due = T0.plus(INTERVAL).plusSeconds(1);
      assertEquals(
          Kind.NOT_YET_DUE,
          source.verdict(request(spec, due, noCanary)).kind(),
          "a canary without ready pods gets until twice the interval");
      AnalysisVerdict none =
          source.verdict(request(spec, T0.plus(INTERVAL.multipliedBy(2)), noCanary));
      assertEquals(Kind.INCONCLUSIVE, none.kind());
      assertTrue(none.message().startsWith("no data"), none.message());
    }
  }

  @Test
  void aCanaryWithoutTrafficFailsARequestRateCheck() throws Exception {
    try (FakeRuntimeMetrics runtime = new FakeRuntimeMetrics();
        var source = source(runtime)) {
      runtime.set("canary", new FakeRuntimeMetrics.Behaviour(0, 0, 0.01, 0.4));
      List<Pod> pods = ONE_POD_EACH;
      ResolvedSpec spec = spec();
      AnalysisCheck rate = new AnalysisCheck();
      rate.setMetric(AnalysisMetric.RequestRate);
      rate.setMin("1");
      AnalysisSpec analysis = new AnalysisSpec();
      analysis.setChecks(List.of(rate));
      CanaryAnalysisFixtures.setAnalysis(spec.md(), analysis);
      settled(source, request(spec, T0, pods));
      AnalysisVerdict v = settled(source, request(spec, T0.plus(INTERVAL), pods));
      // the no-traffic rule leaves the latency and error checks inconclusive, not this one
      assertEquals(Kind.FAIL, v.kind(), v.message());
      assertEquals("RequestRate 0 below 1", v.message());
      var requestRate =
          v.report().getChecks().stream()
              .filter(c -> "RequestRate".equals(c.getMetric()))
              .findFirst()
              .orElseThrow();
      assertEquals("0", requestRate.getValue());
      assertEquals("1", requestRate.getMax(), "the threshold, here the lowest passing rate");
      assertEquals(Boolean.FALSE, requestRate.getPassed());
    }
  }
}
