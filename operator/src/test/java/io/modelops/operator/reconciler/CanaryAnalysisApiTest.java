package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.AnalysisSpec;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.CanaryStep;
import io.modelops.api.v1alpha1.CheckResult;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.model.Labels;
import io.modelops.operator.podmetrics.AnalysisSourceRouter;
import io.modelops.operator.podmetrics.PodMetricsAnalysisSource;
import io.modelops.operator.podmetrics.PodScraper;
import io.modelops.operator.release.PendingAnalysisSource;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.FakeRuntimeMetrics;
import io.modelops.operator.testing.FakeRuntimeMetrics.Behaviour;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PodMetrics analysis through the real reconciler on the mock API server: the fake controller
 * makes pods ready, and every pod's {@code /metrics} is answered by a local server whose counters
 * grow like a runtime's under load (the address resolver points pods at it by track).
 */
@EnableKubernetesMockClient(crud = true)
class CanaryAnalysisApiTest {

  static final String NEW_VERSION = "2026-11-20";

  KubernetesClient client;
  FakeKubeController fake;
  FakeRuntimeMetrics runtime;
  PodMetricsAnalysisSource podMetrics;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    fake = new FakeKubeController(client).start();
    runtime = new FakeRuntimeMetrics();
    podMetrics =
        new PodMetricsAnalysisSource(new PodScraper(runtime.resolver(), Duration.ofSeconds(2), 2));
  }

  /** Starts the operator; {@code tick} is its release tick. */
  private void startOperator(Duration tick) {
    operator =
        OperatorHarness.builder(client)
            .settings(OperatorSettings.defaults().withReleaseTick(tick))
            .analysisSource(new AnalysisSourceRouter(podMetrics, new PendingAnalysisSource()))
            .start();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    podMetrics.close();
    runtime.close();
    fake.close();
  }

  private void createAndRelease(String name) {
    startOperator(Duration.ofMillis(200));
    createAndRelease(name, "1s", null);
  }

  private void createAndRelease(String name, String interval, Integer failureLimit) {
    ModelDeployment md = ModelDeployments.sample(NS, name, 3);
    CanarySpec canary = ModelDeployments.canary(md, step(34), step(67));
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval(interval);
    analysis.setFailureLimit(failureLimit);
    canary.setAnalysis(analysis);
    SloSpec slo = new SloSpec();
    slo.setLatencyP99("100ms");
    slo.setErrorRatio("0.01");
    md.getSpec().setSlo(slo);
    client.resource(md).create();
    awaitMd(client, name, m -> m.getStatus() != null && m.getStatus().getStable() != null);
    ApiTestSupport.edit(
        client,
        name,
        current -> {
          current.getSpec().getModel().setVersion(NEW_VERSION);
          current.getSpec().getModel().setUri("file:///models/ctr-ranker-" + NEW_VERSION + ".onnx");
        });
  }

  private static CanaryStep step(int weight) {
    return ModelDeployments.step(weight, null);
  }

  private static ReleasePhase releasePhase(ModelDeployment md) {
    return md.getStatus() == null || md.getStatus().getRelease() == null
        ? null
        : md.getStatus().getRelease().getPhase();
  }

  private double count(String name, String... tags) {
    var counter = operator.meterRegistry().find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aCanaryWithGoodMetricsIsPromoted() {
    createAndRelease("good");
    ModelDeployment done =
        awaitMd(
            client,
            "good",
            m ->
                releasePhase(m) == ReleasePhase.Healthy
                    && m.getStatus().getStable() != null
                    && NEW_VERSION.equals(m.getStatus().getStable().getVersion()));
    assertEquals(Reasons.PROMOTED, done.getStatus().getRelease().getReason());
    var last = done.getStatus().getLastAnalysis();
    assertNotNull(last, "status.lastAnalysis is written");
    assertEquals("Passed", last.getResult());
    assertEquals(
        List.of("P99LatencyMs", "ErrorRatio"),
        last.getChecks().stream().map(CheckResult::getMetric).toList());
    assertTrue(last.getChecks().stream().allMatch(c -> "Pass".equals(c.getVerdict())));
    assertTrue(Double.parseDouble(last.getCanaryRequestRate()) > 0);
    assertEquals(1, count("modelops.release", "result", "promoted"));
    assertNotNull(
        operator
            .meterRegistry()
            .find("modelops.release.duration")
            .tag("result", "promoted")
            .timer());
    assertTrue(count("modelops.analysis.checks", "metric", "P99LatencyMs", "verdict", "Pass") >= 2);
  }

  @Test
  void aSlowCanaryIsRolledBackWithTheFailingCheckInStatus() {
    runtime.set(Labels.TRACK_CANARY, new Behaviour(200, 0, 0.3, 0.4));
    createAndRelease("slow");
    ModelDeployment rolledBack =
        awaitMd(client, "slow", m -> releasePhase(m) == ReleasePhase.RolledBack);
    var release = rolledBack.getStatus().getRelease();
    assertEquals(Reasons.ANALYSIS_FAILED, release.getReason());
    assertTrue(release.getMessage().contains("P99LatencyMs"), release.getMessage());
    assertTrue(release.getMessage().contains("above 100"), release.getMessage());
    var last = rolledBack.getStatus().getLastAnalysis();
    assertEquals("Failed", last.getResult(), last.getMessage() + " / " + release.getMessage());
    CheckResult p99 = last.getChecks().get(0);
    assertEquals("P99LatencyMs", p99.getMetric());
    assertEquals("Fail", p99.getVerdict());
    assertEquals("100", p99.getMax());
    // every request in (0.25, 0.5] s: p99 = 250 + 250 · 0.99 = 497.5 ms
    assertEquals("497.5", p99.getValue());
    assertEquals(
        1,
        events(client, ReleaseReporter.ANALYSIS_CHECK_FAILED).size(),
        "one Event, not one per interval");
    ApiTestSupport.eventually()
        .until(() -> count("modelops.release", "result", "rolled_back") == 1);
  }

  @Test
  void anIntervalIsJudgedWhenItEndsNotAtTheNextTick() {
    // a release tick far longer than the interval: only the interval's own looks can judge it
    startOperator(Duration.ofSeconds(30));
    runtime.set(Labels.TRACK_CANARY, new Behaviour(200, 0, 0.3, 0.4));
    createAndRelease("prompt", "2s", 1);
    ModelDeployment stepping =
        awaitMd(
            client,
            "prompt",
            m ->
                m.getStatus() != null
                    && m.getStatus().getRelease() != null
                    && m.getStatus().getRelease().getStepStartedAt() != null);
    Instant stepStarted = Instant.parse(stepping.getStatus().getRelease().getStepStartedAt());
    ModelDeployment rolledBack =
        awaitMd(client, "prompt", m -> releasePhase(m) == ReleasePhase.RolledBack);
    var last = rolledBack.getStatus().getLastAnalysis();
    assertEquals("Failed", last.getResult(), last.getMessage());
    Duration judgedAfter = Duration.between(stepStarted, Instant.parse(last.getTime()));
    // due 2 s after the step's (whole-second) start; the 30 s tick would have judged it at 30 s
    assertTrue(
        judgedAfter.compareTo(Duration.ofSeconds(2)) >= 0
            && judgedAfter.compareTo(Duration.ofSeconds(8)) < 0,
        "judged " + judgedAfter + " after the step started");
    // the baselines were taken as the interval started, so the window is most of the interval
    double window = Double.parseDouble(last.getWindow().replace("s", ""));
    assertTrue(window >= 1.0 && window <= 3.0, "window " + last.getWindow());
  }

  @Test
  void aCanaryWithoutTrafficPauses() {
    runtime.set(Labels.TRACK_CANARY, new Behaviour(0, 0, 0.01, 0.4));
    createAndRelease("quiet");
    ModelDeployment paused = awaitMd(client, "quiet", m -> releasePhase(m) == ReleasePhase.Paused);
    assertEquals(Reasons.ANALYSIS_INCONCLUSIVE, paused.getStatus().getRelease().getReason());
    assertTrue(
        paused.getStatus().getRelease().getMessage().startsWith("no traffic"),
        paused.getStatus().getRelease().getMessage());
    ModelDeployment reported =
        awaitMd(
            client,
            "quiet",
            m ->
                m.getStatus().getLastAnalysis() != null
                    && "Inconclusive".equals(m.getStatus().getLastAnalysis().getResult()));
    assertEquals("0", reported.getStatus().getLastAnalysis().getCanaryRequestRate());
  }
}
