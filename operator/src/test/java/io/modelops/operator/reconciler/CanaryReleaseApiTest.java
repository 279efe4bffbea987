package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;
import static io.modelops.operator.reconciler.ApiTestSupport.deployment;
import static io.modelops.operator.reconciler.ApiTestSupport.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.CanaryStep;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.release.AnalysisSource;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary releases with Replicas routing end to end on the mock API server: the fake controller
 * makes pods ready, a scripted analysis source gives the verdicts, and the operator is restarted (a
 * new harness over the same server) in the middle of a release.
 */
@EnableKubernetesMockClient(crud = true)
class CanaryReleaseApiTest {

  static final String NEW_VERSION = "2026-11-20";

  KubernetesClient client;
  FakeKubeController fake;
  OperatorHarness operator;
  volatile AnalysisVerdict.Kind verdict = AnalysisVerdict.Kind.PASS;

  /**
   * While set, pods the stable Deployment creates from a template other than this revision stay
   * unready (they are collected here): those are the pods of a promotion, so the release holds in
   * Promoting; the stable pods that come and go while the canary steps are not held.
   */
  volatile String holdStableOtherThan;

  final java.util.Set<String> heldPods = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() {
    fake =
        new FakeKubeController(client)
            .withPodStarter(
                (pod, owner, controller) -> {
                  String held = holdStableOtherThan;
                  if (held != null
                      && owner.getMetadata().getName().endsWith("-stable")
                      && !held.equals(
                          pod.getMetadata()
                              .getLabels()
                              .get(io.modelops.operator.model.Labels.REVISION))) {
                    heldPods.add(pod.getMetadata().getName());
                    return io.modelops.operator.testing.PodOutcome.STARTING;
                  }
                  return io.modelops.operator.testing.PodOutcome.READY;
                })
            .start();
    operator = startOperator();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    fake.close();
  }

  private OperatorHarness startOperator() {
    AnalysisSource source =
        request -> {
          if (!request.due()) {
            return AnalysisVerdict.notYetDue();
          }
          return switch (verdict) {
            case FAIL -> AnalysisVerdict.fail(request.now(), "ErrorRatio", "0.2", "0.01");
            case INCONCLUSIVE -> AnalysisVerdict.inconclusive(request.now(), "no traffic");
            default -> AnalysisVerdict.pass(request.now(), "all checks passed");
          };
        };
    return OperatorHarness.builder(client)
        .settings(OperatorSettings.defaults().withReleaseTick(Duration.ofMillis(200)))
        .analysisSource(source)
        .start();
  }

  private ModelDeployment createCanary(String name, boolean analysed) {
    ModelDeployment md = ModelDeployments.sample(NS, name, 3);
    CanarySpec canary = ModelDeployments.canary(md, step(34), step(67));
    var analysis = new io.modelops.api.v1alpha1.AnalysisSpec();
    analysis.setInterval("1s");
    canary.setAnalysis(analysis);
    if (analysed) {
      SloSpec slo = new SloSpec();
      slo.setErrorRatio("0.01");
      md.getSpec().setSlo(slo);
    }
    client.resource(md).create();
    return awaitMd(client, name, m -> phase(m) == Phase.Healthy);
  }

  private static CanaryStep step(int weight) {
    return ModelDeployments.step(weight, null);
  }

  private static Phase phase(ModelDeployment md) {
    return md.getStatus() == null ? null : md.getStatus().getPhase();
  }

  private static ReleasePhase releasePhase(ModelDeployment md) {
    return md.getStatus() == null || md.getStatus().getRelease() == null
        ? null
        : md.getStatus().getRelease().getPhase();
  }

  private void edit(String name, java.util.function.Consumer<ModelDeployment> change) {
    ApiTestSupport.edit(client, name, change);
  }

  private void newVersion(String name) {
    edit(
        name,
        m -> {
          m.getSpec().getModel().setVersion(NEW_VERSION);
          m.getSpec().getModel().setUri("file:///models/ctr-ranker-" + NEW_VERSION + ".onnx");
        });
  }

  private static Predicate<ModelDeployment> promoted() {
    return m ->
        releasePhase(m) == ReleasePhase.Healthy
            && phase(m) == Phase.Healthy
            && m.getStatus().getStable() != null
            && NEW_VERSION.equals(m.getStatus().getStable().getVersion())
            && m.getStatus().getCanary() == null;
  }

  @Test
  void aGoodCanaryWalksItsStepsAndIsPromoted() {
    createCanary("good", true);
    assertNull(deployment(client, "good-canary"), "no canary before a release");
    newVersion("good");

    ModelDeployment progressing =
        awaitMd(
            client,
            "good",
            m ->
                releasePhase(m) == ReleasePhase.Progressing
                    && m.getStatus().getCanary() != null
                    && m.getStatus().getCanary().getWeight() != null
                    && m.getStatus().getCanary().getWeight() > 0);
    assertEquals(NEW_VERSION, progressing.getStatus().getCanary().getVersion());
    assertEquals(Phase.Progressing, progressing.getStatus().getPhase());
    var canary = deployment(client, "good-canary");
    var stable = deployment(client, "good-stable");
    assertTrue(
        canary.getSpec().getReplicas() + stable.getSpec().getReplicas() <= 4,
        "never more than replicas + maxSurgeReplicas pods");

    ModelDeployment done = awaitMd(client, "good", promoted());
    assertEquals(Reasons.PROMOTED, done.getStatus().getRelease().getReason());
    ApiTestSupport.eventually().until(() -> deployment(client, "good-canary") == null);
    assertEquals(3, deployment(client, "good-stable").getSpec().getReplicas());
    assertFalse(events(client, Reasons.STEP_PASSED).isEmpty(), "an Event per step");
    assertEquals(1, events(client, Reasons.PROMOTED).size(), "one Event for the promotion");
  }

  @Test
  void aFailingCanaryIsRolledBackAndNotRetriedUntilTheSpecChanges() {
    createCanary("bad", true);
    verdict = AnalysisVerdict.Kind.FAIL;
    String stableRevision =
        deployment(client, "bad-stable")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .get("modelops.io/revision");
    newVersion("bad");

    ModelDeployment rolledBack =
        awaitMd(
            client,
            "bad",
            m ->
                releasePhase(m) == ReleasePhase.RolledBack
                    && m.getStatus().getCanary() == null
                    && "3/3".equals(m.getStatus().getReady()));
    var release = rolledBack.getStatus().getRelease();
    assertEquals(Reasons.ANALYSIS_FAILED, release.getReason());
    assertTrue(release.getMessage().contains("ErrorRatio 0.2 above 0.01"), release.getMessage());
    assertEquals(release.getRevision(), release.getRejectedRevision());
    assertEquals(Phase.RolledBack, rolledBack.getStatus().getPhase());
    assertEquals(
        stableRevision,
        deployment(client, "bad-stable")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .get("modelops.io/revision"),
        "stable keeps its template");
    assertEquals(0, deployment(client, "bad-canary").getSpec().getReplicas());

    // the next spec change starts a fresh canary, which passes
    verdict = AnalysisVerdict.Kind.PASS;
    edit("bad", m -> m.getSpec().getModel().setVersion("2026-11-27"));
    awaitMd(
        client,
        "bad",
        m ->
            releasePhase(m) == ReleasePhase.Healthy
                && "2026-11-27".equals(m.getStatus().getStable().getVersion()));
  }

  @Test
  void theAbortAnnotationRollsBackAndIsConsumed() {
    createCanary("abort", true);
    verdict = AnalysisVerdict.Kind.INCONCLUSIVE;
    newVersion("abort");
    awaitMd(client, "abort", m -> releasePhase(m) == ReleasePhase.Paused);
    edit("abort", m -> m.getMetadata().getAnnotations().put("modelops.io/abort", "now"));
    awaitMd(
        client,
        "abort",
        m ->
            releasePhase(m) == ReleasePhase.RolledBack
                && !m.getMetadata().getAnnotations().containsKey("modelops.io/abort"));
    assertEquals(
        Reasons.ABORTED, ApiTestSupport.md(client, "abort").getStatus().getRelease().getReason());
  }

  /**
   * The operator stopped and a new one started while the release is in each state: the new one
   * reads the state from status, holds it while nothing changed (no second release, no rollback
   * retried), and reaches the same end as an operator that never stopped.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(
      value = ReleasePhase.class,
      names = {"Progressing", "Paused", "Promoting", "RolledBack", "Healthy"})
  void anOperatorRestartedInEveryReleaseStateConvergesToTheSameEnd(ReleasePhase state) {
    String name = "restart-" + state.name().toLowerCase(java.util.Locale.ROOT);
    String stableRevision = createCanary(name, true).getStatus().getStable().getRevision();
    verdict =
        switch (state) {
          case Paused -> AnalysisVerdict.Kind.INCONCLUSIVE;
          case RolledBack -> AnalysisVerdict.Kind.FAIL;
          default -> AnalysisVerdict.Kind.PASS;
        };
    holdStableOtherThan = state == ReleasePhase.Promoting ? stableRevision : null;
    newVersion(name);
    ModelDeployment before =
        awaitMd(
            client,
            name,
            state == ReleasePhase.Healthy ? promoted() : m -> releasePhase(m) == state);

    operator.close();
    operator = startOperator();

    if (state != ReleasePhase.Progressing) {
      // Nothing changed but the operator: the release holds where it was.
      sleep(Duration.ofMillis(1500));
      ModelDeployment held = ApiTestSupport.md(client, name);
      assertEquals(state, releasePhase(held), "the restarted operator holds " + state);
      assertEquals(
          before.getStatus().getRelease().getRevision(),
          held.getStatus().getRelease().getRevision());
      assertEquals(
          before.getStatus().getRelease().getStartedAt(),
          held.getStatus().getRelease().getStartedAt());
    }
    switch (state) {
      case Paused -> verdict = AnalysisVerdict.Kind.PASS;
      case Promoting -> {
        holdStableOtherThan = null;
        heldPods.forEach(pod -> fake.setPodReady(NS, pod, true));
      }
      case RolledBack -> {
        assertEquals(0, deployment(client, name + "-canary").getSpec().getReplicas());
        verdict = AnalysisVerdict.Kind.PASS;
        edit(name, m -> m.getSpec().getModel().setVersion("2026-11-27"));
        awaitMd(
            client,
            name,
            m ->
                releasePhase(m) == ReleasePhase.Healthy
                    && "2026-11-27".equals(m.getStatus().getStable().getVersion()));
        return;
      }
      default -> {}
    }
    awaitMd(client, name, promoted());
    ApiTestSupport.eventually().until(() -> deployment(client, name + "-canary") == null);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
