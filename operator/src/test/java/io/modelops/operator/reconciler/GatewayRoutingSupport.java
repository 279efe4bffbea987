package io.modelops.operator.reconciler;

import static io.modelops.operator.reconciler.ApiTestSupport.NS;
import static io.modelops.operator.reconciler.ApiTestSupport.awaitMd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.testing.GatewayCanaries;
import java.util.function.Predicate;

/** ModelDeployments with trafficRouting GatewayAPI for the mock-tier tests, in namespace NS. */
final class GatewayRoutingSupport {

  private GatewayRoutingSupport() {}

  /** Creates a grey canary ({@link GatewayCanaries#greyCanary}) over HTTPRoute {@code route}. */
  static ModelDeployment create(
      KubernetesClient client, String name, String route, Predicate<ModelDeployment> until) {
    client.resource(GatewayCanaries.greyCanary(NS, name, route)).create();
    return awaitMd(client, name, until);
  }

  static GenericKubernetesResource route(KubernetesClient client, String name) {
    return GatewayCanaries.route(client, NS, name);
  }

  static void newVersion(KubernetesClient client, String name) {
    for (int attempt = 0; ; attempt++) {
      ModelDeployment current = ApiTestSupport.md(client, name);
      GatewayCanaries.toNewVersion(current);
      try {
        client.resource(current).update();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt > 10) {
          throw e;
        }
      }
    }
  }
}
