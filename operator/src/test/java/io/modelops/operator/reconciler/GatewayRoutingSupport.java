package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.CanaryStep;
import io.modelops.api.v1alpha1.GatewayApiRouting;
import io.modelops.api.v1alpha1.GreyRelease;
import io.modelops.api.v1alpha1.HeaderMatch;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.api.v1alpha1.ReleaseStrategy;
import io.modelops.api.v1alpha1.TrafficRouting;
import io.modelops.operator.model.HttpRouteBuilder;
import io.modelops.operator.testing.ModelDeployments;
import java.util.List;
import java.util.function.Predicate;

/** ModelDeployments with trafficRouting GatewayAPI for the mock-tier tests. */
final class GatewayRoutingSupport {

  static final String NEW_VERSION = "2026-11-20";

  private GatewayRoutingSupport() {}

  /** Creates a grey canary (header x-cohort: beta) over HTTPRoute {@code route}. */
  static ModelDeployment create(
      KubernetesClient client, String name, String route, Predicate<ModelDeployment> until) {
    ModelDeployment md = ModelDeployments.sample(NS, name, 3);
    ReleaseSpec release = new ReleaseSpec();
    release.setStrategy(ReleaseStrategy.Canary);
    CanarySpec canary = new CanarySpec();
    CanaryStep first = new CanaryStep();
    first.setWeight(34);
    CanaryStep second = new CanaryStep();
    second.setWeight(67);
    second.setPause("1h");
    canary.setSteps(List.of(first, second));
    canary.setTrafficRouting(TrafficRouting.GatewayAPI);
    GatewayApiRouting gateway = new GatewayApiRouting();
    gateway.setHttpRoute(route);
    canary.setGatewayAPI(gateway);
    HeaderMatch header = new HeaderMatch();
    header.setName("x-cohort");
    header.setValue("beta");
    GreyRelease grey = new GreyRelease();
    grey.setHeaders(List.of(header));
    canary.setGreyRelease(grey);
    release.setCanary(canary);
    md.getSpec().setRelease(release);
    client.resource(md).create();
    return awaitMd(client, name, until);
  }

  static GenericKubernetesResource route(KubernetesClient client, String name) {
    return client
        .genericKubernetesResources(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND)
        .inNamespace(NS)
        .withName(name)
        .get();
  }

  static void newVersion(KubernetesClient client, String name) {
    for (int attempt = 0; ; attempt++) {
      ModelDeployment current = ApiTestSupport.md(client, name);
      current.getSpec().getModel().setVersion(NEW_VERSION);
      current.getSpec().getModel().setUri("file:///models/ctr-ranker-" + NEW_VERSION + ".onnx");
      try {
        client.resource(current).update();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt > 10) {
          throw e;
        }
      }
    }
  }
}
