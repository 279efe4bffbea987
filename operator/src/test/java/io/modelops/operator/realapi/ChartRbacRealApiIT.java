package io.modelops.operator.realapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelops.api.v1alpha1.AutoscalingSpec;
import io.modelops.api.v1alpha1.DrillEngine;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.DrillGuards;
import io.modelops.api.v1alpha1.DrillRun;
import io.modelops.api.v1alpha1.DrillRunPhase;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillRunStatus;
import io.modelops.api.v1alpha1.DrillSchedule;
import io.modelops.api.v1alpha1.DrillScheduleSpec;
import io.modelops.api.v1alpha1.DrillTarget;
import io.modelops.api.v1alpha1.DrillTemplate;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ProbeTraffic;
import io.modelops.api.v1alpha1.RecoverySpec;
import io.modelops.api.v1alpha1.SteadyStateSpec;
import io.modelops.localcluster.LocalControlPlane;
import io.modelops.operator.condition.Conditions;
import io.modelops.operator.condition.Reasons;
import io.modelops.operator.drill.DrillAnnotations;
import io.modelops.operator.drill.DrillMetrics;
import io.modelops.operator.drill.DrillRunReconciler;
import io.modelops.operator.drill.DrillScheduleReconciler;
import io.modelops.operator.drill.DrillSettings;
import io.modelops.operator.drill.HttpTrafficProber;
import io.modelops.operator.drill.chaosmesh.ChaosObjects;
import io.modelops.operator.drill.chaosmesh.PodChaos;
import io.modelops.operator.model.HttpRouteBuilder;
import io.modelops.operator.testing.ModelDeployments;
import io.modelops.operator.testing.OperatorHarness;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator runs under exactly the RBAC the Helm chart grants (rendered by the real {@code helm
 * template}, applied to the real API server, the operator impersonating the chart's
 * ServiceAccount): a scenario touching every kind the operator handles gets no 403; and with any
 * one rule of the chart's ClusterRole removed, the same scenario meets the API's 403. So the
 * chart's rules are both sufficient and each necessary. The chaos-mesh.org rule needs Chaos Mesh's
 * PodChaos CRD from {@code shared/thirdparty/chaos-mesh} beside the checkout (as {@link
 * ChaosMeshRealApiIT}); without it that rule's case is reported skipped, with the path.
 */
class ChartRbacRealApiIT {

  private static final String RELEASE_NS = "modelops-rbac";
  private static final String WORK_NS = "rbac-work";
  private static final String LEASE = "modelops-operator-leader";
  private static final java.util.concurrent.atomic.AtomicInteger LEASES =
      new java.util.concurrent.atomic.AtomicInteger();
  private static LocalControlPlane plane;
  private static KubernetesClient admin;
  private static List<HasMetadata> rbac;
  private static ClusterRole role;
  private static ServiceAccount account;

  /** Why the ChaosMesh drill cannot run here (Chaos Mesh's PodChaos CRD is missing), or null. */
  private static String chaosMissing;

  private final Queue<String> forbidden = new ConcurrentLinkedQueue<>();

  /** What the scenario found wrong besides 403s (for the message). */
  private final List<String> problems = new ArrayList<>();

  private OperatorHarness operator;
  private KubernetesClient operatorClient;

  @BeforeAll
  static void render() {
    plane = RealApi.plane();
    plane.installGatewayApi(); // the scenario routes one ModelDeployment through an HTTPRoute
    plane.installCrd(java.nio.file.Path.of("..", "crds", "drillschedules.modelops.io-v1.yml"));
    plane.installCrd(java.nio.file.Path.of("..", "crds", "drillruns.modelops.io-v1.yml"));
    admin = plane.client();
    String manifests =
        plane
            .run(
                "helm",
                "template",
                "modelops",
                HelmChartIT.CHART,
                "-n",
                RELEASE_NS,
                "--kube-version",
                plane.binaries().kubeVersion(),
                "--show-only",
                "templates/rbac.yaml",
                "--show-only",
                "templates/serviceaccount.yaml")
            .orFail();
    rbac = admin.load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8))).items();
    role =
        rbac.stream()
            .filter(ClusterRole.class::isInstance)
            .map(ClusterRole.class::cast)
            .findFirst()
            .orElseThrow();
    account =
        rbac.stream()
            .filter(ServiceAccount.class::isInstance)
            .map(ServiceAccount.class::cast)
            .findFirst()
            .orElseThrow();
    RealApi.createNamespace(admin, RELEASE_NS);
    RealApi.createNamespace(admin, WORK_NS);
    Path podChaos = ChaosMeshRealApiIT.CRDS.resolve("chaos-mesh.org_podchaos.yaml");
    if (Files.isRegularFile(podChaos)) {
      plane.installCrd(podChaos);
      RealApi.eventually()
          .ignoreExceptions()
          .until(() -> admin.resources(PodChaos.class).inNamespace(WORK_NS).list() != null);
    } else {
      chaosMissing =
          "Chaos Mesh CRD "
              + podChaos.toAbsolutePath().normalize()
              + " is missing: the shared third-party folder (shared/thirdparty/chaos-mesh beside"
              + " the checkout) is needed, or -Dchaosmesh.crds=<folder>";
    }
  }

  @AfterAll
  static void cleanUp() {
    rbac.forEach(r -> admin.resource(r).inNamespace(RELEASE_NS).delete());
    RealApi.deleteNamespace(admin, WORK_NS);
    RealApi.deleteNamespace(admin, RELEASE_NS);
    admin.close();
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
    if (operatorClient != null) {
      operatorClient.close();
    }
    // Drill objects: the operator that would release the runs' finalizers is stopped. A drain
    // stopped midway leaves the shared stand-in node cordoned: uncordon what it recorded.
    for (DrillRun run : admin.resources(DrillRun.class).inNamespace(WORK_NS).list().getItems()) {
      for (String node : cordoned(run)) {
        admin
            .nodes()
            .withName(node)
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":null}}");
      }
      RealApi.retryOnConflict(
          () ->
              admin
                  .resources(DrillRun.class)
                  .inNamespace(WORK_NS)
                  .withName(run.getMetadata().getName())
                  .edit(
                      r -> {
                        r.getMetadata().setFinalizers(List.of());
                        return r;
                      }));
    }
    admin.resources(DrillRun.class).inNamespace(WORK_NS).delete();
    admin.resources(DrillSchedule.class).inNamespace(WORK_NS).delete();
    admin.network().v1().networkPolicies().inNamespace(WORK_NS).delete();
    if (chaosMissing == null) {
      admin.resources(PodChaos.class).inNamespace(WORK_NS).delete();
    }
    admin.resources(ModelDeployment.class).inNamespace(WORK_NS).delete();
    // The owned objects too, not left to the garbage collector: it learns of a newly installed
    // CRD's kind only at its next discovery pass (up to 30 s), which made a case wait that long.
    admin.apps().deployments().inNamespace(WORK_NS).delete();
    admin.services().inNamespace(WORK_NS).delete();
    admin.policy().v1().podDisruptionBudget().inNamespace(WORK_NS).delete();
    admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(WORK_NS).delete();
    RealApi.eventually()
        .until(
            () ->
                admin
                        .resources(ModelDeployment.class)
                        .inNamespace(WORK_NS)
                        .list()
                        .getItems()
                        .isEmpty()
                    && admin.apps().deployments().inNamespace(WORK_NS).list().getItems().isEmpty());
  }

  @Test
  void chartRulesAreEnoughForEverythingTheOperatorDoes() {
    installRbac(role.getRules());
    assertTrue(
        scenario(true), "the scenario did not complete; 403s: " + forbidden + "; " + problems);
    assertEquals(List.of(), List.copyOf(forbidden), "requests the chart's RBAC forbids");
  }

  /**
   * Resources of the rules only the drill reconcilers use (here): the drill step of the scenario
   * runs only for their cases and the first test. It shows: a DrillSchedule due within the scenario
   * creating its run (owner reference with blockOwnerDeletion: {@code drillschedules/finalizers});
   * the dry run it creates (finalizer, the kill switch read of {@code namespaces}, status);
   * NetworkPartition ({@code networkpolicies}) and NodeDrain ({@code nodes}, {@code pods/eviction})
   * injected and removed by the Native engine; a PodKill injected and removed by the ChaosMesh
   * engine (the chaos-mesh.org rule, named by its first resource). ({@code secrets} is shown needed
   * without them: every reconcile reads the fault token Secret with a GET.)
   */
  private static final Set<String> DRILL_RESOURCES =
      Set.of(
          "drillschedules",
          "drillschedules/status",
          "drillschedules/finalizers",
          "drillruns",
          "namespaces",
          "networkpolicies",
          "nodes",
          "pods/eviction",
          "podchaos");

  static Stream<Integer> ruleIndexes() {
    return IntStream.range(0, role.getRules().size()).boxed();
  }

  @ParameterizedTest(name = "without rule {0}")
  @MethodSource("ruleIndexes")
  void everyRuleIsNeeded(int index) {
    List<PolicyRule> rules = new ArrayList<>(role.getRules());
    PolicyRule removed = rules.remove(index);
    if (removed.getApiGroups().contains(ChaosObjects.GROUP)) {
      Assumptions.assumeTrue(chaosMissing == null, () -> chaosMissing);
    }
    installRbac(rules);
    // The drill reconcilers run only for the drill rules' cases (the ModelDeployment part shows
    // the others needed): a case costs less without them.
    scenario(removed.getResources().stream().anyMatch(DRILL_RESOURCES::contains));
    assertFalse(
        forbidden.isEmpty(),
        "rule " + removed.getResources() + " " + removed.getVerbs() + " is not needed");
    assertTrue(
        forbidden.stream().allMatch(request -> explainedBy(removed, request)),
        "403s not explained by the removed rule " + removed.getResources() + ": " + forbidden);
  }

  /** Whether a forbidden request is one the removed rule would have allowed. */
  private static boolean explainedBy(PolicyRule rule, String request) {
    return rule.getResources().stream().anyMatch(resource -> explainedBy(resource, request));
  }

  private static boolean explainedBy(String resource, String request) {
    String path = request.substring(request.indexOf(' ') + 1);
    String[] parts = resource.split("/", 2);
    if (parts.length > 1 && parts[1].equals("finalizers")) {
      // blockOwnerDeletion on an owned object's owner reference: refused on the owned write. Only
      // ModelDeployments and DrillSchedules own anything (drillruns/finalizers explains nothing).
      String owned =
          switch (parts[0]) {
            case "modeldeployments" ->
                "deployments|services|poddisruptionbudgets|horizontalpodautoscalers";
            case "drillschedules" -> "drillruns";
            default -> null;
          };
      return owned != null && path.matches(".*/(" + owned + ")(/.*)?");
    }
    boolean kind = path.contains("/" + parts[0]);
    return parts.length == 1
        ? kind && !path.endsWith("/status")
        : kind && path.endsWith("/" + parts[1]);
  }

  /** Applies the chart's RBAC with the ClusterRole's rules replaced; waits until it is in force. */
  private void installRbac(List<PolicyRule> rules) {
    for (HasMetadata object : rbac) {
      HasMetadata copy = admin.getKubernetesSerialization().clone(object);
      if (copy instanceof ClusterRole clusterRole) {
        clusterRole.setRules(rules);
      }
      if (copy.getMetadata().getNamespace() == null
          && !(copy instanceof ClusterRole)
          && !(copy instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding)) {
        copy.getMetadata().setNamespace(RELEASE_NS);
      }
      admin.resource(copy).forceConflicts().serverSideApply();
    }
    // The authorizer follows RBAC objects through an informer: wait until it agrees.
    for (PolicyRule rule : role.getRules()) {
      boolean granted = rules.contains(rule);
      RealApi.eventually().until(() -> allowed(rule) == granted);
    }
  }

  private boolean allowed(PolicyRule rule) {
    String resource = rule.getResources().get(0);
    String[] parts = resource.split("/", 2);
    var review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user())
            .withGroups(groups())
            .withNewResourceAttributes()
            .withGroup(rule.getApiGroups().get(0))
            .withResource(parts[0])
            .withSubresource(parts.length > 1 ? parts[1] : null)
            .withVerb(rule.getVerbs().get(0))
            .withNamespace(WORK_NS)
            .endResourceAttributes()
            .endSpec()
            .build();
    return admin.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
  }

  private static String user() {
    return "system:serviceaccount:" + RELEASE_NS + ":" + account.getMetadata().getName();
  }

  private static List<String> groups() {
    return List.of(
        "system:serviceaccounts", "system:serviceaccounts:" + RELEASE_NS, "system:authenticated");
  }

  /**
   * Start the operator as the chart's ServiceAccount (leader election on, all namespaces), with the
   * drill reconcilers when {@code drills} (then a DrillSchedule due at once); a ModelDeployment
   * with an autoscaler and a PodDisruptionBudget becomes Ready; with {@code drills}, {@link
   * #startDrills}; autoscaling off and one replica delete both; with {@code drills}, {@link
   * #finishDrills}; a canary with trafficRouting GatewayAPI gets its HTTPRoute; a pvc:// model
   * whose claim is missing is reported. Returns whether it got through; stops at the first 403.
   */
  private boolean scenario(boolean drills) {
    Config config = plane.config();
    config.setImpersonateUsername(user());
    config.setImpersonateGroups(groups().toArray(String[]::new));
    operatorClient =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                b ->
                    b.addOrReplaceInterceptor(
                        "forbidden-recorder", new ForbiddenRecorder(forbidden)))
            .build();
    try {
      var builder =
          OperatorHarness.builder(operatorClient)
              .serverSideApply(true)
              .leaderElection(
                  // A lease of its own per case: an operator stopped at its first 403 may still
                  // hold the previous case's lease, and waiting it out cost 15 s a case.
                  LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                          LEASE + "-" + LEASES.incrementAndGet())
                      .withLeaseNamespace(RELEASE_NS)
                      .withIdentity("rbac-it-" + System.nanoTime())
                      .withExitOnStopLeading(false)
                      .build());
      if (drills) {
        builder
            .also(
                new DrillRunReconciler(
                    DrillSettings.defaults(),
                    new DrillMetrics(new SimpleMeterRegistry()),
                    Clock.systemUTC(),
                    HttpTrafficProber.factory(Clock.systemUTC())))
            // Its clock a minute ahead: the schedule (every minute) is due at its first reconcile.
            .also(
                new DrillScheduleReconciler(
                    DrillSettings.defaults(),
                    Clock.offset(Clock.systemUTC(), Duration.ofSeconds(61))));
      }
      operator = builder.start();
    } catch (RuntimeException e) {
      return false; // an informer could not list or watch: the 403 is recorded
    }
    // Drills: the schedule is due at once and creates its run (a dry run).
    if (drills) {
      admin.resource(drillSchedule()).create();
    }
    ModelDeployment md = ModelDeployments.sample(WORK_NS, "rbac", 2);
    AutoscalingSpec autoscaling = new AutoscalingSpec();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(3);
    md.getSpec().getRuntime().setAutoscaling(autoscaling);
    admin.resource(md).create();
    if (!until(
        () ->
            ready("rbac")
                && admin
                        .autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace(WORK_NS)
                        .list()
                        .getItems()
                        .size()
                    == 1
                && admin
                        .policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(WORK_NS)
                        .list()
                        .getItems()
                        .size()
                    == 1)) {
      return false;
    }
    if (drills) {
      startDrills();
    }
    RealApi.retryOnConflict(
        () ->
            admin
                .resources(ModelDeployment.class)
                .inNamespace(WORK_NS)
                .withName("rbac")
                .edit(
                    m -> {
                      m.getSpec().getRuntime().setAutoscaling(null);
                      m.getSpec().getRuntime().setReplicas(1);
                      return m;
                    }));
    if (!until(
        () ->
            admin
                    .autoscaling()
                    .v2()
                    .horizontalPodAutoscalers()
                    .inNamespace(WORK_NS)
                    .list()
                    .getItems()
                    .isEmpty()
                && admin
                    .policy()
                    .v1()
                    .podDisruptionBudget()
                    .inNamespace(WORK_NS)
                    .list()
                    .getItems()
                    .isEmpty())) {
      return false;
    }
    if (drills && !finishDrills()) {
      return false;
    }
    // trafficRouting GatewayAPI: the operator GETs and server-side applies its HTTPRoute.
    ModelDeployment routed = ModelDeployments.sample(WORK_NS, "rbac-gw", 1);
    var release = new io.modelops.api.v1alpha1.ReleaseSpec();
    release.setStrategy(io.modelops.api.v1alpha1.ReleaseStrategy.Canary);
    var canary = new io.modelops.api.v1alpha1.CanarySpec();
    var step = new io.modelops.api.v1alpha1.CanaryStep();
    step.setWeight(50);
    canary.setSteps(List.of(step));
    canary.setTrafficRouting(io.modelops.api.v1alpha1.TrafficRouting.GatewayAPI);
    var gateway = new io.modelops.api.v1alpha1.GatewayApiRouting();
    gateway.setHttpRoute("rbac-gw");
    canary.setGatewayAPI(gateway);
    release.setCanary(canary);
    routed.getSpec().setRelease(release);
    admin.resource(routed).create();
    if (!until(
        () ->
            admin
                    .genericKubernetesResources(HttpRouteBuilder.API_VERSION, HttpRouteBuilder.KIND)
                    .inNamespace(WORK_NS)
                    .withName("rbac-gw")
                    .get()
                != null)) {
      return false;
    }
    ModelDeployment pvc = ModelDeployments.sample(WORK_NS, "rbac-pvc", 1);
    pvc.getSpec().getModel().setUri("pvc://missing-claim/ctr/model.onnx");
    pvc.getSpec().getModel().setSha256("0".repeat(64));
    admin.resource(pvc).create();
    return until(
        () -> {
          var found =
              admin
                  .resources(ModelDeployment.class)
                  .inNamespace(WORK_NS)
                  .withName("rbac-pvc")
                  .get();
          return found.getStatus() != null
              && Conditions.find(found.getStatus().getConditions(), Reasons.DEGRADED)
                  .map(c -> Reasons.PVC_NOT_FOUND.equals(c.getReason()))
                  .orElse(false);
        });
  }

  private static final Set<DrillRunPhase> ENDED =
      EnumSet.of(
          DrillRunPhase.Skipped,
          DrillRunPhase.Completed,
          DrillRunPhase.Aborted,
          DrillRunPhase.Failed);

  /** The fault drills: the ChaosMesh one only with Chaos Mesh's CRD. */
  private static List<String> faultRuns() {
    return chaosMissing == null
        ? List.of("rbac-partition", "rbac-chaos", "rbac-drain")
        : List.of("rbac-partition", "rbac-drain");
  }

  /**
   * On the Ready ModelDeployment "rbac" (two pods on the stand-in node): a NetworkPartition and
   * (with Chaos Mesh's CRD) a ChaosMesh PodKill, each injected and removed after 1 s.
   */
  private void startDrills() {
    admin
        .resource(faultRun("rbac-partition", FaultType.NetworkPartition, DrillEngine.Native))
        .create();
    if (chaosMissing == null) {
      admin.resource(faultRun("rbac-chaos", FaultType.PodKill, DrillEngine.ChaosMesh)).create();
    }
  }

  /**
   * Once "rbac" runs one replica without a PodDisruptionBudget (so the eviction is not refused with
   * a 429, which the client retries for many seconds), a NodeDrain: it cordons the stand-in node,
   * evicts the pod and uncordons after 1 s. Then waits until the schedule's run ended Skipped (a
   * dry run) and every fault drill ended (they need not pass: no traffic reaches the stand-in
   * pods). Returns whether every fault was injected and removed, so the engines made their API
   * calls; stops at the first 403.
   */
  private boolean finishDrills() {
    admin.resource(faultRun("rbac-drain", FaultType.NodeDrain, DrillEngine.Native)).create();
    List<String> runs = faultRuns();
    boolean ended =
        until(
            () ->
                scheduledRunSkipped()
                    && runs.stream().map(this::run).allMatch(r -> ENDED.contains(phase(r))));
    if (!ended) {
      problems.add(
          "drills not ended: " + runs.stream().map(this::run).map(this::describe).toList());
      return false;
    }
    for (String name : runs) {
      DrillRun run = run(name);
      List<InjectedFault> faults = run.getStatus().getFaults();
      boolean made =
          phase(run) != DrillRunPhase.Failed
              && faults != null
              && !faults.isEmpty()
              && faults.stream()
                  .allMatch(f -> f.getInjectedTime() != null && f.getRemovedTime() != null)
              && (!name.equals("rbac-drain") || !cordoned(run).isEmpty());
      if (!made) {
        problems.add("not injected and removed: " + describe(run));
        return false;
      }
    }
    return true;
  }

  /** The schedule has its status and the run it created ended Skipped (a dry run). */
  private boolean scheduledRunSkipped() {
    var schedule = admin.resources(DrillSchedule.class).inNamespace(WORK_NS).withName("rbac").get();
    return schedule.getStatus() != null
        && schedule.getStatus().getNextScheduleTime() != null
        && admin
            .resources(DrillRun.class)
            .inNamespace(WORK_NS)
            .withLabel(DrillAnnotations.SCHEDULE, "rbac")
            .list()
            .getItems()
            .stream()
            .anyMatch(r -> phase(r) == DrillRunPhase.Skipped);
  }

  private DrillRun run(String name) {
    return admin.resources(DrillRun.class).inNamespace(WORK_NS).withName(name).get();
  }

  private static DrillRunPhase phase(DrillRun run) {
    return run == null || run.getStatus() == null ? null : run.getStatus().getPhase();
  }

  private String describe(DrillRun run) {
    DrillRunStatus status = run == null ? null : run.getStatus();
    return run == null
        ? "missing"
        : run.getMetadata().getName() + " " + admin.getKubernetesSerialization().asJson(status);
  }

  /** The nodes a NodeDrain run recorded it cordons. */
  private static List<String> cordoned(DrillRun run) {
    if (run.getStatus() == null || run.getStatus().getFaults() == null) {
      return List.of();
    }
    return run.getStatus().getFaults().stream()
        .filter(f -> f.getCordonedNodes() != null)
        .flatMap(f -> f.getCordonedNodes().stream())
        .toList();
  }

  private static DrillTarget target() {
    DrillTarget target = new DrillTarget();
    target.setModelDeployment("rbac");
    return target;
  }

  /** Every minute: due at once for the schedule reconciler's clock a minute ahead. */
  private static DrillSchedule drillSchedule() {
    DrillTemplate template = new DrillTemplate();
    DrillFault fault = new DrillFault();
    fault.setType(FaultType.PodKill);
    template.setFault(fault);
    template.setDuration("10s");
    template.setDryRun(true);
    DrillScheduleSpec spec = new DrillScheduleSpec();
    spec.setTarget(target());
    spec.setSchedule("* * * * *");
    spec.setTemplate(template);
    DrillSchedule schedule = new DrillSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withNamespace(WORK_NS).withName("rbac").build());
    schedule.setSpec(spec);
    return schedule;
  }

  /**
   * A drill held 1 s, recovery judged within 1 s; not waiting for the target's Ready condition (a
   * drain takes a replica); a set probe rate (no capacity measurement of the stand-in pods).
   */
  private static DrillRun faultRun(String name, FaultType type, DrillEngine engine) {
    DrillRunSpec spec = new DrillRunSpec();
    DrillFault fault = new DrillFault();
    fault.setType(type);
    spec.setFault(fault);
    spec.setEngine(engine);
    spec.setDuration("1s");
    DrillGuards guards = new DrillGuards();
    guards.setRequireReady(false);
    spec.setGuards(guards);
    ProbeTraffic traffic = new ProbeTraffic();
    traffic.setRatePerSecond(1);
    SteadyStateSpec steady = new SteadyStateSpec();
    steady.setTraffic(traffic);
    spec.setSteadyState(steady);
    RecoverySpec recovery = new RecoverySpec();
    recovery.setRto("1s");
    recovery.setTimeout("1s");
    spec.setRecovery(recovery);
    spec.setTarget(target());
    DrillRun run = new DrillRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(WORK_NS).withName(name).build());
    run.setSpec(spec);
    return run;
  }

  private boolean ready(String name) {
    var found = admin.resources(ModelDeployment.class).inNamespace(WORK_NS).withName(name).get();
    return found != null
        && found.getStatus() != null
        && Objects.equals(
            found.getStatus().getObservedGeneration(), found.getMetadata().getGeneration())
        && Conditions.isTrue(found.getStatus().getConditions(), Reasons.READY);
  }

  /** Waits for the condition; gives up early once a request was forbidden. */
  private boolean until(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!forbidden.isEmpty()) {
        return false;
      }
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Records every request the API server answered with 403 Forbidden. */
  private record ForbiddenRecorder(Queue<String> forbidden) implements Interceptor {
    @Override
    public void after(
        HttpRequest request,
        HttpResponse<?> response,
        AsyncBody.Consumer<List<ByteBuffer>> consumer) {
      record(response);
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(
        BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
      record(response);
      return CompletableFuture.completedFuture(false);
    }

    private void record(HttpResponse<?> response) {
      if (response.code() == 403) {
        forbidden.add(response.request().method() + " " + response.request().uri().getPath());
      }
    }
  }
}
