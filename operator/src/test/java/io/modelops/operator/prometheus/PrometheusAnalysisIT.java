package io.modelops.operator.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.api.v1alpha1.AnalysisBaseline;
import io.modelops.api.v1alpha1.AnalysisCheck;
import io.modelops.api.v1alpha1.AnalysisMetric;
import io.modelops.api.v1alpha1.AnalysisSource;
import io.modelops.api.v1alpha1.AnalysisSourceType;
import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.localcluster.PrometheusProcess;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ResolvedSpec;
import io.modelops.operator.release.AnalysisRequest;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.release.AnalysisVerdict.Kind;
import io.modelops.operator.testing.CanaryAnalysisFixtures;
import io.modelops.operator.testing.FakeRuntimeMetrics;
import io.modelops.operator.testing.FakeRuntimeMetrics.Behaviour;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code Prometheus} analysis source against the real Prometheus server (built from its Go
 * module by local-cluster/build.sh, run by {@link PrometheusProcess}), scraping runtime -format
 * metrics ({@link FakeRuntimeMetrics}) every second, with the relabeling the chart's runtime
 * PodMonitor does: pod labels {@code app.kubernetes.io/instance} and {@code modelops.io/track}
 * become the target labels {@code modeldeployment} and {@code track}, the namespace becomes {@code
 * namespace}. Each ModelDeployment below has a canary and a stable target, one behaviour each.
 */
class PrometheusAnalysisIT {

  static final String NAMESPACE = "search";
  static final Duration INTERVAL = Duration.ofSeconds(3);

  /** ModelDeployment → {canary, stable} behaviours. */
  static final Map<String, Behaviour[]> DEPLOYMENTS =
      Map.of(
          "good",
          new Behaviour[] {Behaviour.good(), Behaviour.good()},
          "slow",
          new Behaviour[] {new Behaviour(200, 0, 0.3, 0.4), Behaviour.good()},
          "erroring",
          new Behaviour[] {new Behaviour(200, 0.2, 0.008, 0.4), Behaviour.good()},
          "drifting",
          new Behaviour[] {new Behaviour(200, 0, 0.008, 0.9), Behaviour.good()},
          "idle",
          new Behaviour[] {new Behaviour(0, 0, 0.008, 0.4), Behaviour.good()},
          "slower-than-stable",
          new Behaviour[] {new Behaviour(200, 0, 0.02, 0.4), Behaviour.good()});

  static FakeRuntimeMetrics runtimes;
  static PrometheusProcess prometheus;
  static String address;

  @BeforeAll
  static void start() throws Exception {
    runtimes = new FakeRuntimeMetrics();
    DEPLOYMENTS.forEach(
        (md, b) -> {
          runtimes.set(md + "-" + Labels.TRACK_CANARY, b[0]);
          runtimes.set(md + "-" + Labels.TRACK_STABLE, b[1]);
        });
    PrometheusClient client = new PrometheusClient(Duration.ofSeconds(2));
    // ready, and every target scraped successfully at least 5 times
    prometheus =
        PrometheusProcess.start(
            config(runtimes.uri("x").getPort()),
            "127.0.0.1",
            at ->
                client
                        .query(at, "sum_over_time(up{job=\"runtime\"}[20s]) >= 5", Instant.now())
                        .join()
                        .size()
                    == 2 * DEPLOYMENTS.size());
    address = prometheus.address();
  }

  /** One job; per target the labels Kubernetes discovery would give a pod, then the relabeling. */
  static String config(int runtimePort) {
    StringBuilder s =
        new StringBuilder(
            """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: runtime
                # the fake runtime sends no Content-Type; the real one sends the text format's
                fallback_scrape_protocol: PrometheusText0.0.4
                relabel_configs:
                  - source_labels: [__meta_kubernetes_namespace]
                    target_label: %s
                  - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_instance]
                    target_label: %s
                  - source_labels: [__meta_kubernetes_pod_label_modelops_io_track]
                    target_label: %s
                static_configs:
            """
                .formatted(PromQueries.NAMESPACE, PromQueries.MODEL_DEPLOYMENT, PromQueries.TRACK));
    DEPLOYMENTS.keySet().stream()
        .sorted()
        .forEach(
            md -> {
              for (String track : List.of(Labels.TRACK_CANARY, Labels.TRACK_STABLE)) {
                s.append("      - targets: ['127.0.0.1:")
                    .append(runtimePort)
                    .append("']\n        labels:\n")
                    .append("          __metrics_path__: /")
                    .append(md)
                    .append('-')
                    .append(track)
                    .append("/metrics\n")
                    .append("          __meta_kubernetes_namespace: ")
                    .append(NAMESPACE)
                    .append('\n')
                    .append("          __meta_kubernetes_pod_label_app_kubernetes_io_instance: ")
                    .append(md)
                    .append('\n')
                    .append("          __meta_kubernetes_pod_label_modelops_io_track: ")
                    .append(track)
                    .append('\n');
              }
            });
    return s.toString();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (runtimes != null) {
      runtimes.close();
    }
  }

  static final PrometheusAnalysisSource SOURCE =
      new PrometheusAnalysisSource(new PrometheusClient(Duration.ofSeconds(2)));

  /** The interval that started 4 s ago, judged now, with {@code checks} (SLO checks when null). */
  static AnalysisVerdict verdict(String name, Instant now, List<AnalysisCheck> checks) {
    ModelDeployment md =
        checks == null
            ? CanaryAnalysisFixtures.withSlo(NAMESPACE, name)
            : ModelDeployments.sample(NAMESPACE, name, 2);
    AnalysisSource source = new AnalysisSource();
    source.setType(AnalysisSourceType.Prometheus);
    source.setAddress(address);
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setSource(source);
    analysis.setChecks(
        checks == null ? List.of(check(AnalysisMetric.ScoreDriftPSI, "0.2")) : checks);
    CanaryAnalysisFixtures.setAnalysis(md, analysis);
    ResolvedSpec spec = CanaryAnalysisFixtures.oneStepCanary(md, INTERVAL);
    return SOURCE.verdict(
        new AnalysisRequest(
            spec, CanaryAnalysisFixtures.progressingSince(now.minusSeconds(4)), now));
  }

  static AnalysisCheck check(AnalysisMetric metric, String max) {
    AnalysisCheck c = new AnalysisCheck();
    c.setMetric(metric);
    c.setMax(max);
    return c;
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  @Test
  void aGoodCanaryPasses() {
    AnalysisVerdict v = verdict("good", now(), null);
    assertEquals(Kind.PASS, v.kind(), v.message());
    var checks = v.report().getChecks();
    assertEquals(
        List.of("P99LatencyMs", "ErrorRatio", "ScoreDriftPSI"),
        checks.stream().map(c -> c.getMetric()).toList());
    // every 2xx in (0.005, 0.01]: p99 = 0.005 + 0.005 · 0.99 s
    assertEquals("9.95", checks.get(0).getValue());
    assertEquals("0", checks.get(1).getValue());
    assertEquals("0", checks.get(2).getValue(), "same scores on both tracks");
    double rate = Double.parseDouble(v.report().getCanaryRequestRate());
    assertTrue(rate > 150 && rate < 250, "about 200 requests/s, got " + rate);
  }

  @Test
  void aSlowCanaryFailsOnP99AsPrometheusItselfEstimatesIt() {
    Instant now = now();
    AnalysisVerdict v = verdict("slow", now, null);
    assertEquals(Kind.FAIL, v.kind(), v.message());
    assertEquals("P99LatencyMs", v.check());
    // every 2xx in (0.25, 0.5]: 0.25 + 0.25 · 0.99 s
    assertEquals("497.5", v.value());
    assertEquals("100", v.threshold());
    var q = PromQueries.of(NAMESPACE, "slow", Duration.ofSeconds(4));
    var own =
        new PrometheusClient(Duration.ofSeconds(2))
            .query(address, q.latencyQuantile(0.99, Labels.TRACK_CANARY), now)
            .join();
    assertEquals(1, own.size(), own.toString());
    assertEquals(497.5, own.get(0).value() * 1000, 1e-6, "histogram_quantile agrees");
  }

  @Test
  void anErroringCanaryFailsOnErrorRatio() {
    AnalysisVerdict v = verdict("erroring", now(), null);
    assertEquals(Kind.FAIL, v.kind(), v.message());
    assertEquals("ErrorRatio", v.check());
    double ratio = Double.parseDouble(v.value());
    assertTrue(ratio > 0.19 && ratio < 0.21, "a fifth of the answers are 503, got " + ratio);
    assertEquals("0.01", v.threshold());
  }

  @Test
  void aCanaryWhoseScoresDriftFailsOnPsi() {
    AnalysisVerdict v = verdict("drifting", now(), null);
    assertEquals(Kind.FAIL, v.kind(), v.message());
    assertEquals("ScoreDriftPSI", v.check());
    // all canary scores in (0.75, 1], all stable ones in (0.25, 0.5]: two buckets at 1 vs 1e-4
    assertEquals(2 * (1 - 1e-4) * Math.log(1e4), Double.parseDouble(v.value()), 1e-3);
  }

  @Test
  void aCanaryWithoutTrafficIsInconclusive() {
    AnalysisVerdict v = verdict("idle", now(), null);
    assertEquals(Kind.INCONCLUSIVE, v.kind(), v.message());
    assertTrue(v.message().startsWith("no traffic: the canary served 0 requests"), v.message());
  }

  @Test
  void aDeploymentPrometheusDoesNotScrapeIsInconclusive() {
    AnalysisVerdict v = verdict("ghost", now(), null);
    assertEquals(Kind.INCONCLUSIVE, v.kind(), v.message());
    assertTrue(v.message().startsWith("no data: Prometheus at " + address), v.message());
  }

  @Test
  void aRelativeCheckHoldsTheCanaryToTheStable() {
    AnalysisCheck relative = new AnalysisCheck();
    relative.setMetric(AnalysisMetric.P99LatencyMs);
    relative.setRelativeTo(AnalysisBaseline.Stable);
    relative.setMaxIncrease("20%");
    AnalysisVerdict v = verdict("slower-than-stable", now(), List.of(relative));
    assertEquals(Kind.FAIL, v.kind(), v.message());
    // canary in (0.01, 0.025]: 24.85 ms; stable 9.95 ms · 1.2 = 11.94 ms
    assertEquals("24.85", v.value());
    assertEquals("11.94 (stable 9.95 + 20%)", v.threshold());
    assertEquals(Kind.PASS, verdict("good", now(), List.of(relative)).kind());
  }
}
