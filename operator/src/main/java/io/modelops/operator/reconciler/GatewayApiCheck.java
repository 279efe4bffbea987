package io.modelops.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.operator.condition.Problem;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.model.CanaryRelease;
import io.modelops.operator.model.HttpRouteBuilder;
import io.modelops.operator.model.ResolvedSpec;
import java.util.List;

/**
 * trafficRouting GatewayAPI needs the Gateway API CRDs. Asked through API discovery at each
 * reconcile of such a ModelDeployment (no informer, so the operator starts on clusters without
 * them); when the API server does not serve HTTPRoutes the spec is returned blocked (no new
 * revision starts, the stable track keeps serving) with a Degraded problem.
 */
final class GatewayApiCheck {

  static final String CRD = "httproutes.gateway.networking.k8s.io";

  private GatewayApiCheck() {}

  static ResolvedSpec check(ResolvedSpec spec, KubernetesClient client, List<Problem> problems) {
    if (spec.canary().flatMap(CanaryRelease::gateway).isEmpty()
        || client.supports(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND)) {
      return spec;
    }
    String missing =
        "trafficRouting GatewayAPI needs the Gateway API CRDs, but the API server does not serve "
            + HttpRouteBuilder.API_VERSION
            + " HTTPRoute (CRD "
            + CRD
            + "); install the Gateway API (standard channel) and an implementation";
    problems.add(
        Problem.observed(
            Reasons.GATEWAY_API_MISSING,
            missing + ": no new revision is released, the stable track keeps serving"));
    return spec.withCanary(spec.canary().get().blockedBy(missing));
  }
}
