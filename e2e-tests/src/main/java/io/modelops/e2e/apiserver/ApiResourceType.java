package io.modelops.e2e.apiserver;

import java.util.List;

/**
 * One resource type the embedded API server announces in discovery.
 *
 * @param group API group ({@code ""} for the core group)
 * @param version API version
 * @param plural resource name in paths
 * @param singular singular name
 * @param kind object kind
 * @param namespaced whether objects live in namespaces
 * @param shortNames kubectl short names
 * @param categories kubectl categories ({@code kubectl get all}, {@code kubectl get modelops})
 * @param subresources subresource names (e.g. {@code status})
 */
public record ApiResourceType(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> subresources) {

  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** {@code group/version}, or just the version for the core group. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The built-in types the operator, its fake controllers and kubectl users touch. */
  static List<ApiResourceType> builtins() {
    return List.of(
        core("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of(), "status"),
        core("pods", "pod", "Pod", true, List.of("po"), List.of("all"), "status"),
        core("services", "service", "Service", true, List.of("svc"), List.of("all"), "status"),
        core("endpoints", "endpoints", "Endpoints", true, List.of("ep"), List.of()),
        core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of()),
        core("secrets", "secret", "Secret", true, List.of(), List.of()),
        core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of()),
        core("events", "event", "Event", true, List.of("ev"), List.of()),
        core(
            "persistentvolumeclaims",
            "persistentvolumeclaim",
            "PersistentVolumeClaim",
            true,
            List.of("pvc"),
            List.of(),
            "status"),
        of(
            "apps",
            "v1",
            "deployments",
            "deployment",
            "Deployment",
            List.of("deploy"),
            List.of("all"),
            "status"),
        of(
            "apps",
            "v1",
            "replicasets",
            "replicaset",
            "ReplicaSet",
            List.of("rs"),
            List.of("all"),
            "status"),
        of(
            "policy",
            "v1",
            "poddisruptionbudgets",
            "poddisruptionbudget",
            "PodDisruptionBudget",
            List.of("pdb"),
            List.of(),
            "status"),
        of(
            "autoscaling",
            "v2",
            "horizontalpodautoscalers",
            "horizontalpodautoscaler",
            "HorizontalPodAutoscaler",
            List.of("hpa"),
            List.of("all"),
            "status"),
        of("coordination.k8s.io", "v1", "leases", "lease", "Lease", List.of(), List.of()),
        new ApiResourceType(
            "apiextensions.k8s.io",
            "v1",
            "customresourcedefinitions",
            "customresourcedefinition",
            "CustomResourceDefinition",
            false,
            List.of("crd", "crds"),
            List.of("api-extensions"),
            List.of("status")));
  }

  private static ApiResourceType core(
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories,
      String... subresources) {
    return new ApiResourceType(
        "",
        "v1",
        plural,
        singular,
        kind,
        namespaced,
        shortNames,
        categories,
        List.of(subresources));
  }

  private static ApiResourceType of(
      String group,
      String version,
      String plural,
      String singular,
      String kind,
      List<String> shortNames,
      List<String> categories,
      String... subresources) {
    return new ApiResourceType(
        group,
        version,
        plural,
        singular,
        kind,
        true,
        shortNames,
        categories,
        List.of(subresources));
  }
}
