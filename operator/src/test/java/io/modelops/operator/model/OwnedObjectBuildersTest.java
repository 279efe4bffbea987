package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelops.api.v1alpha1.AutoscalingSpec;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.testing.ModelDeployments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service, PodDisruptionBudget and HorizontalPodAutoscaler builders. */
class OwnedObjectBuildersTest {

  private static ModelDeployment md(int replicas) {
    ModelDeployment md = ModelDeployments.sample("search", "ctr", replicas);
    md.getMetadata().setUid("uid-2");
    return md;
  }

  private static AutoscalingSpec autoscaling(Integer min, int max, Integer cpu) {
    AutoscalingSpec a = new AutoscalingSpec();
    a.setMinReplicas(min);
    a.setMaxReplicas(max);
    a.setTargetCPUUtilizationPercent(cpu);
    return a;
  }

  @Test
  void serviceSelectsAllTracksOnTheHttpPort() {
    var service = ServiceBuilder.build(md(2));
    assertEquals("ctr", service.getMetadata().getName());
    assertEquals("ClusterIP", service.getSpec().getType());
    assertEquals(Labels.allTracksSelector(md(2)), service.getSpec().getSelector());
    assertTrue(!service.getSpec().getSelector().containsKey(Labels.TRACK));
    var port = service.getSpec().getPorts().get(0);
    assertEquals(8080, port.getPort());
    assertEquals("http", port.getTargetPort().getStrVal());
    assertEquals("ctr.search.svc", ServiceBuilder.dnsName(md(2)));
  }

  @Test
  void pdbOnlyWithMoreThanOneReplica() {
    assertTrue(PodDisruptionBudgetBuilder.build(md(0)).isEmpty());
    assertTrue(PodDisruptionBudgetBuilder.build(md(1)).isEmpty());
    var pdb = PodDisruptionBudgetBuilder.build(md(2)).orElseThrow();
    assertEquals("ctr", pdb.getMetadata().getName());
    assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
    assertEquals(Labels.allTracksSelector(md(2)), pdb.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void pdbWithAutoscalingFollowsMinReplicas() {
    ModelDeployment md = md(5);
    md.getSpec().getRuntime().setAutoscaling(autoscaling(1, 10, null));
    assertTrue(PodDisruptionBudgetBuilder.build(md).isEmpty());
    md.getSpec().getRuntime().setAutoscaling(autoscaling(3, 10, null));
    assertTrue(PodDisruptionBudgetBuilder.build(md).isPresent());
  }

  @Test
  void hpaOnlyWithAutoscalingAndTargetsTheStableDeployment() {
    ModelDeployment md = md(2);
    assertTrue(HorizontalPodAutoscalerBuilder.build(md).isEmpty());
    md.getSpec().getRuntime().setAutoscaling(autoscaling(null, 20, null));
    var hpa = HorizontalPodAutoscalerBuilder.build(md).orElseThrow();
    assertEquals("ctr-stable", hpa.getMetadata().getName());
    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
    assertEquals("apps/v1", hpa.getSpec().getScaleTargetRef().getApiVersion());
    assertEquals("ctr-stable", hpa.getSpec().getScaleTargetRef().getName());
    assertEquals(1, hpa.getSpec().getMinReplicas());
    assertEquals(20, hpa.getSpec().getMaxReplicas());
    var metric = hpa.getSpec().getMetrics().get(0).getResource();
    assertEquals("cpu", metric.getName());
    assertEquals(70, metric.getTarget().getAverageUtilization());

    md.getSpec().getRuntime().setAutoscaling(autoscaling(2, 20, 55));
    var tuned = HorizontalPodAutoscalerBuilder.build(md).orElseThrow();
    assertEquals(2, tuned.getSpec().getMinReplicas());
    assertEquals(
        55, tuned.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
    assertNotEquals(
        hpa.getMetadata().getAnnotations().get(Annotations.SPEC_HASH),
        tuned.getMetadata().getAnnotations().get(Annotations.SPEC_HASH));
  }

  @Test
  void everyObjectHasOwnerReferenceAndStandardLabels() {
    ModelDeployment md = md(3);
    md.getSpec().getRuntime().setAutoscaling(autoscaling(2, 5, null));
    List<HasMetadata> objects =
        List.of(
            ServiceBuilder.build(md),
            PodDisruptionBudgetBuilder.build(md).orElseThrow(),
            HorizontalPodAutoscalerBuilder.build(md).orElseThrow(),
            StableDeploymentBuilder.build(
                md, io.modelops.operator.config.OperatorSettings.defaults()));
    for (HasMetadata o : objects) {
      assertEquals("search", o.getMetadata().getNamespace());
      assertEquals("uid-2", o.getMetadata().getOwnerReferences().get(0).getUid());
      for (String key :
          List.of(
              Labels.NAME,
              Labels.INSTANCE,
              Labels.VERSION,
              Labels.COMPONENT,
              Labels.PART_OF,
              Labels.MANAGED_BY)) {
        assertTrue(o.getMetadata().getLabels().containsKey(key), o.getKind() + " lacks " + key);
      }
      assertTrue(o.getMetadata().getAnnotations().containsKey(Annotations.SPEC_HASH));
    }
  }
}
