package io.modelops.operator.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.GatewayApiRouting;
import io.modelops.api.v1alpha1.GreyRelease;
import io.modelops.api.v1alpha1.HeaderMatch;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.TrafficRouting;
import io.modelops.operator.model.HttpRouteBuilder;
import java.util.List;

/**
 * Canary releases routed by the Gateway API, for the mock and real-API tiers alike: the
 * ModelDeployment, the model version it moves to, and the HTTPRoute the operator manages.
 */
public final class GatewayCanaries {

  /** The model version a test moves to, starting a release. */
  public static final String NEW_VERSION = "2026-11-20";

  private GatewayCanaries() {}

  /**
   * Three replicas and a grey canary over HTTPRoute {@code route}: requests with header {@code
   * x-cohort: beta} go to the canary; steps 34 % then 67 % (paused for an hour).
   */
  public static ModelDeployment greyCanary(String namespace, String name, String route) {
    ModelDeployment md = ModelDeployments.sample(namespace, name, 3);
    CanarySpec canary =
        ModelDeployments.canary(
            md, ModelDeployments.step(34, null), ModelDeployments.step(67, "1h"));
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
    return md;
  }

  /** Points {@code md} at {@link #NEW_VERSION} of the model (version and URI). */
  public static void toNewVersion(ModelDeployment md) {
    md.getSpec().getModel().setVersion(NEW_VERSION);
    md.getSpec().getModel().setUri("file:///models/ctr-ranker-" + NEW_VERSION + ".onnx");
  }

  /** The HTTPRoute {@code namespace/name}, or null when there is none. */
  public static GenericKubernetesResource route(
      KubernetesClient client, String namespace, String name) {
    return client
        .genericKubernetesResources(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }
}
