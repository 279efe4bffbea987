package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.config.OperatorSettings;
import io.modelops.operator.testing.ModelDeployments;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every runtime pod the operator builds does to keep traffic safe (docs/releases.md). */
class TrafficSafetyTest {

  final OperatorSettings settings = OperatorSettings.defaults();
  final ModelDeployment md = ModelDeployments.sample("search", "ctr", 3);

  @Test
  void endpointsAreRemovedBeforeTheRuntimeDrainsAndTheGraceCoversBoth() {
    var pod = StableDeploymentBuilder.build(md, settings).getSpec().getTemplate().getSpec();
    var preStop = pod.getContainers().get(0).getLifecycle().getPreStop();
    assertEquals(5L, preStop.getSleep().getSeconds());
    // preStop 5s + the runtime's drain grace 20s (RUNTIME_DRAIN_GRACE) + margin
    assertTrue(pod.getTerminationGracePeriodSeconds() >= 5 + 20 + 10);
    assertEquals(
        RuntimeContainerBuilder.READY_PATH,
        pod.getContainers().get(0).getReadinessProbe().getHttpGet().getPath());
  }

  @Test
  void requestsDefaultOnlyWhenNoneAreGiven() {
    var resources = container(StableDeploymentBuilder.build(md, settings)).getResources();
    assertEquals(new Quantity("500m"), resources.getRequests().get("cpu"));
    assertEquals(new Quantity("1Gi"), resources.getRequests().get("memory"));

    md.getSpec()
        .getRuntime()
        .setResources(
            new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("4Gi")).build());
    var given = container(StableDeploymentBuilder.build(md, settings)).getResources();
    assertNull(given.getRequests().get("cpu"), "limits given: Kubernetes defaults requests");
  }

  @Test
  void podsSpreadOverNodesPerTrackWithoutBlockingScheduling() {
    var spec = SpecResolver.resolveOrThrow(md, Duration.ofMinutes(15));
    var canary = PodTemplates.build(spec, settings, Labels.TRACK_CANARY).getSpec();
    var spread = canary.getTopologySpreadConstraints().get(0);
    assertEquals("kubernetes.io/hostname", spread.getTopologyKey());
    assertEquals("ScheduleAnyway", spread.getWhenUnsatisfiable());
    assertEquals(1, spread.getMaxSkew());
    assertEquals(Labels.TRACK_CANARY, spread.getLabelSelector().getMatchLabels().get(Labels.TRACK));
  }

  @Test
  void theModelCacheIsBounded() {
    var volumes = StableDeploymentBuilder.build(md, settings).getSpec().getTemplate().getSpec();
    var cache =
        volumes.getVolumes().stream()
            .filter(v -> RuntimeContainerBuilder.CACHE_VOLUME.equals(v.getName()))
            .findFirst()
            .orElseThrow();
    assertEquals(new Quantity("10Gi"), cache.getEmptyDir().getSizeLimit());
  }

  @Test
  void canaryAndStableOfTheSameSpecShareTheRevision() {
    var spec = SpecResolver.resolveOrThrow(md, Duration.ofMinutes(15));
    String stable =
        PodTemplates.build(spec, settings, Labels.TRACK_STABLE)
            .getMetadata()
            .getLabels()
            .get(Labels.REVISION);
    var canaryTemplate = PodTemplates.build(spec, settings, Labels.TRACK_CANARY);
    assertEquals(stable, canaryTemplate.getMetadata().getLabels().get(Labels.REVISION));
    assertEquals(Labels.TRACK_CANARY, canaryTemplate.getMetadata().getLabels().get(Labels.TRACK));
    assertEquals(stable, PodTemplates.revision(spec, settings));
  }

  private static io.fabric8.kubernetes.api.model.Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
