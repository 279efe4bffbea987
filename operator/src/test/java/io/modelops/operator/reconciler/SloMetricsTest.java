package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.SloSpec;
import org.junit.jupiter.api.Test;

/** The gauges' Prometheus names and labels, as the chart's rules join on them. */
class SloMetricsTest {

  static ModelDeployment md(String name, String latencyP99, String availability) {
    var md = new ModelDeployment();
    md.setMetadata(new ObjectMetaBuilder().withNamespace("search").withName(name).build());
    md.setSpec(new ModelDeploymentSpec());
    if (latencyP99 != null || availability != null) {
      var slo = new SloSpec();
      slo.setLatencyP99(latencyP99);
      slo.setAvailability(availability);
      md.getSpec().setSlo(slo);
    }
    return md;
  }

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final SloMetrics metrics = new SloMetrics(registry);

  String scrape() {
    return registry.scrape().replace(",}", "}");
  }

  @Test
  void exportsEachModelDeploymentsObjectivesAndFollowsSpecChanges() {
    metrics.observe(md("ctr", "50ms", "99.9"));
    metrics.observe(md("rank", "200ms", null));
    metrics.observe(md("plain", null, null));
    String text = scrape();
    assertTrue(
        text.contains(
            "modelops_modeldeployment_slo_availability_objective{modeldeployment=\"ctr\","
                + "namespace=\"search\"} 0.999"),
        text);
    assertTrue(
        text.contains(
            "modelops_modeldeployment_slo_latency_objective{le=\"0.05\",modeldeployment=\"ctr\","
                + "namespace=\"search\"} 0.99"),
        text);
    assertTrue(
        text.contains(
            "modelops_modeldeployment_slo_latency_objective{le=\"0.25\","
                + "modeldeployment=\"rank\",namespace=\"search\"} 0.99"),
        text);
    assertFalse(
        text.contains("availability_objective{modeldeployment=\"rank\""),
        "no availability objective: the chart default applies");
    assertFalse(text.contains("\"plain\""), "no spec.slo: no series");

    metrics.observe(md("ctr", "100ms", null));
    text = scrape();
    assertTrue(text.contains("le=\"0.1\",modeldeployment=\"ctr\""), text);
    assertFalse(text.contains("le=\"0.05\",modeldeployment=\"ctr\""), "the old bucket is gone");
    assertFalse(text.contains("availability_objective{modeldeployment=\"ctr\""), text);
  }

  @Test
  void aDeletedModelDeploymentLeavesNoSeries() {
    metrics.observe(md("ctr", "50ms", "99.9"));
    metrics.observe(md("rank", "200ms", "99"));
    metrics.forget("search", "ctr");
    String text = scrape();
    assertFalse(text.contains("modeldeployment=\"ctr\""), text);
    assertTrue(text.contains("modeldeployment=\"rank\""), text);
    metrics.forget("search", "rank");
    metrics.forget("search", "never-seen");
    assertFalse(scrape().contains("modelops_modeldeployment_slo"), scrape());
  }
}
