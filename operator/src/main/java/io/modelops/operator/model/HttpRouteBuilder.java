package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.modelops.api.v1alpha1.HeaderMatch;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Desired state of the HTTPRoute ({@code gateway.networking.k8s.io/v1}) of a canary with
 * trafficRouting GatewayAPI, as a generic resource (no Gateway API model on the classpath). The
 * operator sets only {@code spec.rules}: for a grey release first a rule whose header matches send
 * every matching request to {@code <name>-canary}, then the default rule with weighted backendRefs
 * to {@code <name>-stable} and {@code <name>-canary}. {@code parentRefs} (which Gateway the route
 * attaches to) are the user's: the CRD has no field for them, and server-side apply leaves fields
 * the operator does not set alone.
 */
public final class HttpRouteBuilder {

  public static final String API_VERSION = "gateway.networking.k8s.io/v1";
  public static final String KIND = "HTTPRoute";

  private HttpRouteBuilder() {}

  /**
   * Builds the route.
   *
   * @param route the route's name and grey headers
   * @param canaryWeight the canary's share in percent (0-100); stable gets the rest
   */
  public static GenericKubernetesResource build(
      ModelDeployment md, CanaryRelease.GatewayRoute route, int canaryWeight) {
    int weight = Math.max(0, Math.min(100, canaryWeight));
    String stable = ModelDeploymentNames.trackService(md, Labels.TRACK_STABLE);
    String canary = ModelDeploymentNames.trackService(md, Labels.TRACK_CANARY);
    List<Object> rules = new ArrayList<>();
    if (!route.greyHeaders().isEmpty()) {
      rules.add(
          Map.of(
              "matches",
              List.of(Map.of("headers", headers(route.greyHeaders()))),
              "backendRefs",
              List.of(backend(canary, 100))));
    }
    rules.add(
        Map.of("backendRefs", List.of(backend(stable, 100 - weight), backend(canary, weight))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("rules", rules);
    GenericKubernetesResource resource =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind(KIND)
            .withMetadata(Owners.metadata(md, route.httpRoute(), Labels.standard(md)))
            .addToAdditionalProperties("spec", spec)
            .build();
    return Hashes.withSpecHash(resource, spec);
  }

  private static List<Object> headers(List<HeaderMatch> headers) {
    return headers.stream()
        .map(h -> (Object) Map.of("type", "Exact", "name", h.getName(), "value", h.getValue()))
        .toList();
  }

  private static Map<String, Object> backend(String service, int weight) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("group", "");
    ref.put("kind", "Service");
    ref.put("name", service);
    ref.put("port", RuntimeContainerBuilder.PORT);
    ref.put("weight", weight);
    return ref;
  }

  /** The canary's weight in a route as read back (null when absent or unreadable). */
  @SuppressWarnings("unchecked")
  public static Integer canaryWeight(GenericKubernetesResource route, String canaryService) {
    try {
      var spec = (Map<String, Object>) route.getAdditionalProperties().get("spec");
      var rules = (List<Map<String, Object>>) spec.get("rules");
      var last = rules.get(rules.size() - 1);
      for (var ref : (List<Map<String, Object>>) last.get("backendRefs")) {
        if (canaryService.equals(ref.get("name"))) {
          return ((Number) ref.get("weight")).intValue();
        }
      }
      return null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
