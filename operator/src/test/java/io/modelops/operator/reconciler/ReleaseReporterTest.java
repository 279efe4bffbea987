package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentStatus;
import io.modelops.api.v1alpha1.ReleasePhase;
import io.modelops.api.v1alpha1.ReleaseStatus;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.event.EventRecorder;
import io.modelops.operator.release.AnalysisVerdict;
import io.modelops.operator.release.ReleasePlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reconcile that runs again on the same (stale) copy decides the same release transition: it is
 * announced once, as one Event and one count.
 */
@EnableKubernetesMockClient(crud = true)
class ReleaseReporterTest {

  KubernetesClient client;
  SimpleMeterRegistry registry;
  ReleaseReporter reporter;
  EventRecorder events;

  @BeforeEach
  void setUp() {
    registry = new SimpleMeterRegistry();
    reporter = new ReleaseReporter(new ReleaseMetrics(registry));
    events = new EventRecorder(client, Clock.systemUTC());
  }

  @Test
  void theSameTransitionDecidedTwiceFromTheSameStatusIsAnnouncedOnce() {
    ModelDeployment md = promoting("ctr", "uid-1", "rev-a");
    ReleasePlan plan = promotedPlan();
    reporter.report(
        md, AnalysisVerdict.notYetDue(), plan, new ModelDeploymentStatus(), events, now());
    reporter.report(
        md, AnalysisVerdict.notYetDue(), plan, new ModelDeploymentStatus(), events, now());

    assertEquals(1, promotedEvents());
    assertEquals(
        1.0, registry.find("modelops.release").tag("result", "promoted").counter().count());
  }

  @Test
  void theNextReleaseOfTheSameDeploymentIsAnnouncedAgain() {
    reporter.report(
        promoting("ctr", "uid-1", "rev-a"),
        AnalysisVerdict.notYetDue(),
        promotedPlan(),
        new ModelDeploymentStatus(),
        events,
        now());
    reporter.report(
        promoting("ctr", "uid-1", "rev-b"),
        AnalysisVerdict.notYetDue(),
        promotedPlan(),
        new ModelDeploymentStatus(),
        events,
        now());

    assertEquals(2, promotedEvents());
    assertEquals(
        2.0, registry.find("modelops.release").tag("result", "promoted").counter().count());
  }

  private long promotedEvents() {
    return client.v1().events().inNamespace("search").list().getItems().stream()
        .filter(e -> Reasons.PROMOTED.equals(e.getReason()))
        .count();
  }

  private static Instant now() {
    return Instant.parse("2026-12-02T02:00:00Z");
  }

  private static ModelDeployment promoting(String name, String uid, String revision) {
    ModelDeployment md = new ModelDeployment();
    md.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("search").withUid(uid).build());
    ReleaseStatus release = new ReleaseStatus();
    release.setPhase(ReleasePhase.Promoting);
    release.setRevision(revision);
    release.setStartedAt("2026-12-02T01:50:00Z");
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    status.setRelease(release);
    md.setStatus(status);
    return md;
  }

  private static ReleasePlan promotedPlan() {
    ReleaseStatus healthy = new ReleaseStatus();
    healthy.setPhase(ReleasePhase.Healthy);
    return new ReleasePlan(
        null,
        Optional.empty(),
        false,
        healthy,
        Optional.of(
            new ReleasePlan.Transition(
                ReleasePhase.Promoting, ReleasePhase.Healthy, Reasons.PROMOTED, "promoted")),
        Set.of(),
        List.of(),
        100,
        false);
  }
}
