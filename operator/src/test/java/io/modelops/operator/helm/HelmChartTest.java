package io.modelops.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.RuntimeContainerBuilder;
import io.modelops.operator.prometheus.PromQueries;
import io.modelops.operator.reconciler.ModelDeploymentReconciler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Renders the chart with helm (in-process) and checks that RBAC grants exactly what the reconciler
 * touches, and that the operator Deployment is locked down and wired to leader election.
 */
class HelmChartTest {

  static final Path CHART = Path.of("..", "helm", "modelops-operator");
  static final Set<String> READ = Set.of("get", "list", "watch");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Rendered objects as maps, by kind. */
  static List<Map<String, Object>> render(Map<String, Object> values) throws IOException {
    var template =
        new Helm(CHART)
            .template()
            .withName("modelops-operator")
            .withNamespace("modelops-system")
            .withKubeVersion("1.30.0");
    values.forEach(template::set);
    String manifests = template.call();
    List<Map<String, Object>> objects = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(manifests)) {
      var it = YAML.readValues(parser, Map.class);
      while (it.hasNext()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = it.next();
        if (doc != null && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    }
    return objects;
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object root, String... path) {
    Object current = root;
    for (String key : path) {
      current =
          current instanceof List<?> list
              ? list.get(Integer.parseInt(key))
              : ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  /** "group/resource" -> verbs, merged over all rules. */
  @SuppressWarnings("unchecked")
  static Map<String, Set<String>> grants(Map<String, Object> role) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (Map<String, Object> rule : (List<Map<String, Object>>) role.get("rules")) {
      for (String group : (List<String>) rule.get("apiGroups")) {
        for (String resource : (List<String>) rule.get("resources")) {
          grants
              .computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
              .addAll((List<String>) rule.get("verbs"));
        }
      }
    }
    return grants;
  }

  static String key(Class<? extends HasMetadata> kind) {
    return HasMetadata.getGroup(kind) + "/" + HasMetadata.getPlural(kind);
  }

  /** What the reconciler needs, derived from the kinds it declares. */
  static Map<String, Set<String>> needed() {
    Map<String, Set<String>> needed = new TreeMap<>();
    needed.put(key(ModelDeployment.class), new TreeSet<>(READ));
    // The one-shot release annotations are removed with a JSON patch.
    needed.get(key(ModelDeployment.class)).add("patch");
    needed.put(key(ModelDeployment.class) + "/status", new TreeSet<>(Set.of("get", "patch")));
    // blockOwnerDeletion in owner references (OwnerReferencesPermissionEnforcement).
    needed.put(key(ModelDeployment.class) + "/finalizers", new TreeSet<>(Set.of("update")));
    for (var kind : ModelDeploymentReconciler.OWNED_KINDS) {
      Set<String> verbs = new TreeSet<>(READ);
      verbs.addAll(Set.of("create", "patch")); // server-side apply
      needed.put(key(kind), verbs);
    }
    // Deleted when they stop being wanted (replicas <= 1, autoscaling removed, release over).
    needed.get("apps/deployments").add("delete");
    needed.get("policy/poddisruptionbudgets").add("delete");
    needed.get("autoscaling/horizontalpodautoscalers").add("delete");
    // Per-track Services exist only with GatewayAPI routing.
    needed.get("/services").add("delete");
    // The HTTPRoute of GatewayAPI routing: GET and server-side apply, no informer.
    needed.put(
        "gateway.networking.k8s.io/httproutes", new TreeSet<>(Set.of("get", "create", "patch")));
    for (var kind : ModelDeploymentReconciler.WATCHED_KINDS) {
      needed.put(key(kind), new TreeSet<>(READ));
    }
    for (var kind : ModelDeploymentReconciler.LOOKED_UP_KINDS) {
      needed.put(key(kind), new TreeSet<>(Set.of("get")));
    }
    needed.put("/events", new TreeSet<>(Set.of("create")));
    // Drills: PodKill deletes pods, ReplicaLoss marks them (pod-deletion-cost) and patches
    // spec.replicas of the track's Deployment (already patch); the kill switch reads namespaces.
    needed.get("/pods").addAll(Set.of("patch", "delete"));
    needed.put("/namespaces", new TreeSet<>(Set.of("get")));
    needed.put(key(DrillSchedule.class), new TreeSet<>(READ));
    needed.put(key(DrillRun.class), new TreeSet<>(READ));
    needed.get(key(DrillRun.class)).addAll(Set.of("create", "patch", "delete"));
    for (var kind : List.of(DrillSchedule.class, DrillRun.class)) {
      needed.put(key(kind) + "/status", new TreeSet<>(Set.of("get", "patch")));
    }
    // DrillSchedules own their runs (blockOwnerDeletion); DrillRuns own nothing
    needed.put(key(DrillSchedule.class) + "/finalizers", new TreeSet<>(Set.of("update")));
    // The fault token Secret: GET (no informer), server-side apply on creation, deleted when the
    // opt-in is off. NetworkPartition's NetworkPolicy; NodeDrain's cordon and evictions.
    needed.put("/secrets", new TreeSet<>(Set.of("get", "create", "patch", "delete")));
    needed.put(
        "networking.k8s.io/networkpolicies", new TreeSet<>(Set.of("get", "create", "delete")));
    needed.put("/nodes", new TreeSet<>(Set.of("get", "patch")));
    needed.put("/pods/eviction", new TreeSet<>(Set.of("create")));
    // The ChaosMesh engine: creates one object per fault, reads its conditions, deletes it.
    for (var kind :
        List.of(
            io.modelops.operator.drill.chaosmesh.PodChaos.class,
            io.modelops.operator.drill.chaosmesh.NetworkChaos.class,
            io.modelops.operator.drill.chaosmesh.HTTPChaos.class,
            io.modelops.operator.drill.chaosmesh.StressChaos.class)) {
      needed.put(key(kind), new TreeSet<>(Set.of("get", "create", "delete")));
    }
    return needed;
  }

  @Test
  void lintsCleanly() {
    var result = new Helm(CHART).lint().strict().call();
    assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
  }

  @Test
  void clusterRoleGrantsExactlyWhatTheReconcilerTouches() throws IOException {
    var objects = render(Map.of());
    var clusterRoles = ofKind(objects, "ClusterRole");
    assertEquals(1, clusterRoles.size());
    assertEquals(needed(), grants(clusterRoles.get(0)));
    assertTrue(
        ofKind(objects, "RoleBinding").stream()
            .allMatch(b -> at(b, "metadata", "name").toString().endsWith("leader-election")));
    var binding = ofKind(objects, "ClusterRoleBinding").get(0);
    assertEquals("modelops-operator", at(binding, "subjects", "0", "name"));
    assertEquals("modelops-system", at(binding, "subjects", "0", "namespace"));
  }

  @Test
  void leaderElectionLeaseRoleInTheOperatorNamespace() throws IOException {
    var roles = ofKind(render(Map.of()), "Role");
    assertEquals(1, roles.size());
    assertEquals("modelops-system", at(roles.get(0), "metadata", "namespace"));
    assertEquals(
        Map.of(
            "coordination.k8s.io/leases",
            new TreeSet<>(Set.of("get", "create", "update", "patch"))),
        grants(roles.get(0)));
    assertTrue(ofKind(render(Map.of("leaderElection.enabled", false)), "Role").isEmpty());
  }

  @Test
  void watchedNamespacesGetRolesInsteadOfAClusterRole() throws IOException {
    var objects = render(Map.of("watchNamespaces[0]", "search", "watchNamespaces[1]", "ranking"));
    assertTrue(ofKind(objects, "ClusterRole").isEmpty());
    var roles =
        ofKind(objects, "Role").stream()
            .filter(r -> !at(r, "metadata", "name").toString().endsWith("leader-election"))
            .toList();
    assertEquals(
        Set.of("search", "ranking"),
        Set.copyOf(roles.stream().map(r -> (String) at(r, "metadata", "namespace")).toList()));
    roles.forEach(r -> assertEquals(needed(), grants(r)));
    assertEquals(
        "search,ranking",
        env(ofKind(objects, "Deployment").get(0)).get("QUARKUS_OPERATOR_SDK_NAMESPACES"));
  }

  @Test
  void operatorDeploymentIsLockedDownAndElectsALeader() throws IOException {
    var objects =
        render(
            Map.of(
                "runtimeImage",
                "registry.example/runtime:9",
                "runtimeGpuImage",
                "registry.example/runtime:9-gpu"));
    var deployment = ofKind(objects, "Deployment").get(0);
    assertEquals(2, (Integer) at(deployment, "spec", "replicas"));
    Map<String, Object> container = at(deployment, "spec", "template", "spec", "containers", "0");
    assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
    assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation"));
    assertEquals(List.of("ALL"), at(container, "securityContext", "capabilities", "drop"));
    assertEquals(
        true, at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
    assertEquals("/q/health/live", at(container, "livenessProbe", "httpGet", "path"));
    assertEquals("/q/health/ready", at(container, "readinessProbe", "httpGet", "path"));
    Map<String, String> env = env(deployment);
    assertEquals("true", env.get("MODELOPS_LEADER_ELECTION_ENABLED"));
    assertEquals("registry.example/runtime:9", env.get("MODELOPS_RUNTIME_IMAGE"));
    assertEquals("registry.example/runtime:9-gpu", env.get("MODELOPS_RUNTIME_GPU_IMAGE"));
    assertFalse(env.containsKey("QUARKUS_OPERATOR_SDK_NAMESPACES"), "all namespaces by default");
    var service = ofKind(objects, "Service").get(0);
    assertEquals("http-metrics", at(service, "spec", "ports", "0", "name"));
    assertTrue(ofKind(objects, "ServiceMonitor").isEmpty());
    var monitor = ofKind(render(Map.of("metrics.serviceMonitor.enabled", true)), "ServiceMonitor");
    assertEquals("/q/metrics", at(monitor.get(0), "spec", "endpoints", "0", "path"));
    Object honorLabels = at(monitor.get(0), "spec", "endpoints", "0", "honorLabels");
    assertEquals(
        Boolean.TRUE,
        honorLabels,
        "the objective gauges' namespace label is the ModelDeployment's, not the operator's");
  }

  @Test
  @SuppressWarnings("unchecked")
  void observabilityObjectsAreOffByDefaultAndSelectWhatTheOperatorBuilds() throws IOException {
    var defaults = render(Map.of());
    for (String kind : List.of("PodMonitor", "PrometheusRule")) {
      assertTrue(ofKind(defaults, kind).isEmpty(), kind + " is optional");
    }
    assertTrue(ofKind(defaults, "ConfigMap").isEmpty(), "the dashboard is optional");

    var objects =
        render(
            Map.of(
                "runtimeMonitor.enabled", true,
                "alerts.enabled", true,
                "dashboards.enabled", true));
    var monitor = ofKind(objects, "PodMonitor").get(0);
    assertEquals(
        Map.of(
            Labels.NAME, Labels.APP_NAME,
            Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE),
        at(monitor, "spec", "selector", "matchLabels"));
    Map<String, Object> endpoint = at(monitor, "spec", "podMetricsEndpoints", "0");
    assertEquals(RuntimeContainerBuilder.PORT_NAME, endpoint.get("port"));
    assertEquals("/metrics", endpoint.get("path"));
    assertEquals(true, at(monitor, "spec", "namespaceSelector", "any"));
    assertEquals(
        List.of("modeldeployment", "track"),
        ((List<Map<String, Object>>) endpoint.get("relabelings"))
            .stream().map(r -> r.get("targetLabel")).toList());
    assertEquals(1, ofKind(objects, "PrometheusRule").size());
    var dashboard = ofKind(objects, "ConfigMap").get(0);
    assertEquals("1", at(dashboard, "metadata", "labels", "grafana_dashboard"));
    assertTrue(
        ((Map<String, String>) dashboard.get("data"))
            .get("modelops-model.json")
            .contains("\"uid\""));
  }

  /**
   * The Prometheus analysis source selects runtime series by the target labels this PodMonitor
   * makes of the pod labels ({@code namespace} is added by the Prometheus Operator itself).
   */
  @Test
  @SuppressWarnings("unchecked")
  void runtimePodMonitorGivesThePrometheusAnalysisSourceItsLabels() throws IOException {
    var monitor = ofKind(render(Map.of("runtimeMonitor.enabled", true)), "PodMonitor").get(0);
    List<Map<String, Object>> relabelings =
        at(monitor, "spec", "podMetricsEndpoints", "0", "relabelings");
    Map<String, Object> targetBySource = new TreeMap<>();
    for (Map<String, Object> r : relabelings) {
      targetBySource.put(((List<String>) r.get("sourceLabels")).get(0), r.get("targetLabel"));
    }
    assertEquals(
        Map.of(
            podLabelMeta(Labels.INSTANCE), PromQueries.MODEL_DEPLOYMENT,
            podLabelMeta(Labels.TRACK), PromQueries.TRACK),
        targetBySource);
  }

  /** Kubernetes service discovery's meta label of a pod label. */
  static String podLabelMeta(String podLabel) {
    return "__meta_kubernetes_pod_label_" + podLabel.replaceAll("[^A-Za-z0-9_]", "_");
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> env(Map<String, Object> deployment) {
    Map<String, String> env = new TreeMap<>();
    List<Map<String, Object>> vars =
        at(deployment, "spec", "template", "spec", "containers", "0", "env");
    for (Map<String, Object> var : vars) {
      env.put(
          (String) var.get("name"), var.get("value") == null ? "" : var.get("value").toString());
    }
    return env;
  }
}
