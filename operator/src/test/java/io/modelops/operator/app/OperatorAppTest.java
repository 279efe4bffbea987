package io.modelops.operator.app;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.Phase;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.testing.FakeKubeController;
import io.modelops.operator.testing.ModelDeployments;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus app boots with its real configuration (no server-side apply, reconciler wired by the
 * Operator SDK extension) against the mock API server, serves health and Prometheus metrics, and
 * reconciles.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorAppTest {

  @Inject KubernetesClient client;

  @Test
  void bootsReconcilesAndExposesHealthAndMetrics() {
    given().when().get("/q/health/live").then().statusCode(200);
    given().when().get("/q/health/ready").then().statusCode(200);

    try (var fake = new FakeKubeController(client).start()) {
      var ranker = ModelDeployments.sample("shop", "ranker", 1);
      var slo = new SloSpec();
      slo.setLatencyP99("50ms");
      slo.setAvailability("99.9");
      ranker.getSpec().setSlo(slo);
      client.resource(ranker).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                var md =
                    client
                        .resources(ModelDeployment.class)
                        .inNamespace("shop")
                        .withName("ranker")
                        .get();
                assertEquals(
                    Phase.Healthy, md.getStatus() == null ? null : md.getStatus().getPhase());
              });
    }

    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("modelops_reconcile_total{result=\"success\"}"))
        .body(containsString("modelops_reconcile_duration_seconds_count"))
        // the SLO objectives the chart's burn-rate alerts join on (SloMetrics)
        .body(
            containsString(
                "modelops_modeldeployment_slo_availability_objective{modeldeployment=\"ranker\","
                    + "namespace=\"shop\""))
        .body(
            containsString(
                "modelops_modeldeployment_slo_latency_objective{le=\"0.05\","
                    + "modeldeployment=\"ranker\",namespace=\"shop\""));
  }
}
