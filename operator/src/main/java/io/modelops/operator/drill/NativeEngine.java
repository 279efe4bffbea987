package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modelops.api.v1alpha1.DrillRunSpec;
import io.modelops.api.v1alpha1.DrillTrack;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import io.modelops.drills.schedule.GoDuration;
import io.modelops.operator.model.FaultInjection;
import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ModelDeploymentNames;
import io.modelops.operator.model.PodEndpoints;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The Native engine: the operator injects faults itself, no daemon needed.
 *
 * <ul>
 *   <li>{@code PodKill}: delete the selected pods with their own grace period; the Deployment
 *       replaces them.
 *   <li>{@code ReplicaLoss}: mark N ready pods with {@value #DELETION_COST} -1000 so the ReplicaSet
 *       removes those, then scale the track's Deployment down by N; the ModelDeployment reconciler
 *       owns replicas and scales it back at once: that drift correction and the new pods' start-up
 *       are the recovery being measured.
 *   <li>{@code RuntimeLatency}, {@code RuntimeErrors}, {@code RuntimeUnready}: through the
 *       runtime's fault admin API on each selected pod (pod IP, {@code http} port) with the bearer
 *       token of the Secret {@code <md>-fault-token}; only for a ModelDeployment that opted in
 *       ({@code spec.runtime.faultInjection.enabled}), others are refused. The fault is set with
 *       the drill's duration as its expiry, so the runtime drops it by itself even if the operator
 *       dies; removal clears it. A pod that is gone (or whose runtime restarted) counts as removed.
 *   <li>{@code NetworkPartition}: label the selected pods {@value NetworkPartitions#LABEL}, then
 *       create a deny-all NetworkPolicy (Ingress and Egress, no rules) selecting that label;
 *       removal deletes the policy, then the labels. Needs a NetworkPolicy-enforcing CNI.
 *   <li>{@code NodeDrain}: cordon the nodes of the selected pods (only those not cordoned yet,
 *       recorded in {@code cordonedNodes}) and evict the ModelDeployment's pods on them through the
 *       Eviction API, which honours PodDisruptionBudgets: an eviction refused (429) is tried again
 *       on the next reconcile ({@link #sustain}); nothing is force-deleted. Removal uncordons the
 *       nodes this drill cordoned.
 * </ul>
 */
final class NativeEngine implements FaultEngine {

  /** Pod annotation the ReplicaSet controller uses to choose which pods go on a scale-down. */
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  static final Set<FaultType> RUNTIME_FAULTS =
      EnumSet.of(FaultType.RuntimeLatency, FaultType.RuntimeErrors, FaultType.RuntimeUnready);

  private static final String SECRET = "Secret/";
  private static final String POLICY = "NetworkPolicy/";

  private final KubernetesClient client;
  private final RandomGenerator random;
  private final Function<Pod, String> address;

  /** One HTTP client for every engine instance (the reconciler makes an engine per reconcile). */
  private static final RuntimeFaultClient RUNTIME = new RuntimeFaultClient();

  private final RuntimeFaultClient runtime = RUNTIME;

  NativeEngine(KubernetesClient client, RandomGenerator random) {
    this(client, random, PodEndpoints.DIRECT::url);
  }

  /**
   * @param address the base URL of a pod's runtime ({@code http://<pod IP>:<http port>}); tests
   *     point it at a local server standing in for the pod
   */
  NativeEngine(KubernetesClient client, RandomGenerator random, Function<Pod, String> address) {
    this.client = client;
    this.random = random;
    this.address = address;
  }

  @Override
  public String catalogue() {
    return "PodKill, ReplicaLoss of one track, RuntimeLatency, RuntimeErrors, RuntimeUnready (with"
        + " spec.runtime.faultInjection.enabled), NetworkPartition (needs a NetworkPolicy-enforcing"
        + " CNI), NodeDrain";
  }

  @Override
  public boolean supports(DrillRunSpec spec) {
    FaultType type = spec.getFault().getType();
    if (type == FaultType.CpuStress || type == FaultType.MemoryStress) {
      return false; // ChaosMesh only (refused at admission too)
    }
    return type != FaultType.ReplicaLoss || track(spec) != DrillTrack.All;
  }

  @Override
  public Optional<String> refusal(DrillRunSpec spec, Target target) {
    if (!RUNTIME_FAULTS.contains(spec.getFault().getType())
        || target.md() == null
        || FaultInjection.enabled(target.md())) {
      return Optional.empty();
    }
    return Optional.of(
        "ModelDeployment "
            + target.md().getMetadata().getName()
            + " has not opted in to runtime faults: set spec.runtime.faultInjection.enabled: true"
            + " (the runtime's fault admin API is off without it)");
  }

  @Override
  public InjectedFault plan(String run, DrillRunSpec spec, Target target) {
    InjectedFault fault = new InjectedFault();
    FaultType type = spec.getFault().getType();
    fault.setType(type);
    switch (type) {
      case ReplicaLoss -> {
        int lose = Math.min(spec.getFault().getReplicas(), target.readyPods().size());
        fault.setTargets(
            target.readyPods().stream()
                .map(p -> p.getMetadata().getName())
                .sorted()
                .limit(lose)
                .toList());
        fault.setObject("Deployment/" + deployment(spec, target));
      }
      case NodeDrain -> {
        List<String> pods = PodSelection.select(spec.getFault(), target.readyPods(), random);
        List<String> nodes = NodeDrains.nodes(target.readyPods(), pods);
        Map<String, Node> current = new HashMap<>();
        for (String node : nodes) {
          Node n = client.nodes().withName(node).get();
          if (n != null) {
            current.put(node, n);
          }
        }
        fault.setTargets(nodes);
        fault.setCordonedNodes(NodeDrains.toCordon(nodes, current));
      }
      case NetworkPartition -> {
        fault.setTargets(PodSelection.select(spec.getFault(), target.readyPods(), random));
        fault.setObject(POLICY + NetworkPartitions.policyName(NetworkPartitions.value(run)));
      }
      case RuntimeLatency, RuntimeErrors, RuntimeUnready -> {
        fault.setTargets(PodSelection.select(spec.getFault(), target.readyPods(), random));
        fault.setObject(SECRET + FaultInjection.secretName(target.md()));
      }
      default -> fault.setTargets(PodSelection.select(spec.getFault(), target.readyPods(), random));
    }
    return fault;
  }

  @Override
  public void inject(String namespace, DrillRunSpec spec, InjectedFault fault, Target target) {
    switch (fault.getType()) {
      case PodKill -> fault.getTargets().forEach(pod -> deletePod(namespace, pod));
      case ReplicaLoss -> loseReplicas(namespace, fault, target);
      case RuntimeLatency, RuntimeErrors, RuntimeUnready -> injectRuntime(namespace, spec, fault);
      case NetworkPartition -> partition(namespace, fault);
      case NodeDrain -> {
        for (String node : cordoned(fault)) {
          cordon(node, true);
        }
        evict(namespace, fault, target);
      }
    }
  }

  /** NodeDrain: evictions a PodDisruptionBudget refused (429) are tried again. */
  @Override
  public void sustain(String namespace, DrillRunSpec spec, InjectedFault fault, Target target) {
    if (fault.getType() == FaultType.NodeDrain) {
      evict(namespace, fault, target);
    }
  }

  private void deletePod(String namespace, String name) {
    client.pods().inNamespace(namespace).withName(name).delete();
  }

  // --- runtime faults

  private void injectRuntime(String namespace, DrillRunSpec spec, InjectedFault fault) {
    String token = token(namespace, fault);
    if (token == null) {
      throw new IllegalStateException(
          "the fault token Secret " + fault.getObject() + " is missing or holds no token");
    }
    String body = RuntimeFaultClient.body(spec.getFault(), GoDuration.parse(spec.getDuration()));
    for (String name : fault.getTargets()) {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      if (pod == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
        throw new IllegalStateException("pod " + name + " is gone or has no IP");
      }
      runtime.inject(address.apply(pod), token, body);
    }
  }

  private String token(String namespace, InjectedFault fault) {
    String object = fault.getObject();
    if (object == null || !object.startsWith(SECRET)) {
      return null;
    }
    return FaultInjection.token(
        client.secrets().inNamespace(namespace).withName(object.substring(SECRET.length())).get());
  }

  /** Each targeted pod that still exists, with an IP, and its base URL. */
  private Map<String, String> addresses(String namespace, InjectedFault fault) {
    Map<String, String> out = new HashMap<>();
    for (String name : fault.getTargets()) {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      if (pod != null && pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
        out.put(name, address.apply(pod));
      }
    }
    return out;
  }

  // --- NetworkPartition

  private void partition(String namespace, InjectedFault fault) {
    String value = NetworkPartitions.valueOf(fault.getObject().substring(POLICY.length()));
    for (String pod : fault.getTargets()) {
      labelPod(namespace, pod, value);
    }
    NetworkPolicy policy = NetworkPartitions.policy(namespace, value);
    if (client.resource(policy).get() == null) {
      client.resource(policy).create();
    }
  }

  /**
   * Sets ({@code value}) or removes ({@code null}) the partition label; a pod that is gone is fine.
   * Read first (no write when the label is already so), then a patch of that one label alone: a
   * JSON merge patch sets it, a JSON patch {@code remove} (the label is there, just read) drops it.
   * Neither carries a resourceVersion, so a status write to the pod in between (kubelet, scheduler)
   * cannot make it fail with 409 Conflict. The value is a label value (nothing JSON escapes).
   */
  private void labelPod(String namespace, String name, String value) {
    var pods = client.pods().inNamespace(namespace);
    Pod pod = pods.withName(name).get();
    if (pod == null) {
      return;
    }
    Map<String, String> labels = pod.getMetadata().getLabels();
    String now = labels == null ? null : labels.get(NetworkPartitions.LABEL);
    if (Objects.equals(now, value)) {
      return;
    }
    PatchContext context = PatchContext.of(value == null ? PatchType.JSON : PatchType.JSON_MERGE);
    String patch =
        value == null
            ? "[{\"op\":\"remove\",\"path\":\"/metadata/labels/"
                + NetworkPartitions.LABEL.replace("/", "~1")
                + "\"}]"
            : "{\"metadata\":{\"labels\":{\"" + NetworkPartitions.LABEL + "\":\"" + value + "\"}}}";
    try {
      pods.withName(name).patch(context, patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  // --- NodeDrain

  private void cordon(String node, boolean unschedulable) {
    try {
      client
          .nodes()
          .withName(node)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"unschedulable\":" + (unschedulable ? "true" : "null") + "}}");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * Evicts the ModelDeployment's pods (all tracks) still on the drained nodes and not terminating.
   * A 429 (a PodDisruptionBudget allows no disruption now) leaves the pod for the next reconcile.
   */
  private void evict(String namespace, InjectedFault fault, Target target) {
    if (target.md() == null || fault.getTargets() == null || fault.getTargets().isEmpty()) {
      return;
    }
    Set<String> nodes = Set.copyOf(fault.getTargets());
    KubernetesClient evictions = withoutRetries(client);
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(Labels.allTracksSelector(target.md()))
            .list()
            .getItems();
    for (Pod pod : pods) {
      if (pod.getMetadata().getDeletionTimestamp() != null
          || pod.getSpec() == null
          || pod.getSpec().getNodeName() == null // not scheduled yet (a replacement)
          || !nodes.contains(pod.getSpec().getNodeName())) {
        continue;
      }
      try {
        evictions.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).evict();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
  }

  /**
   * The client for evictions: the Kubernetes client retries a 429 by itself, honouring the server's
   * {@code Retry-After}, up to its retry limit, so one refused eviction (a PodDisruptionBudget
   * allowing no disruption now) held the reconcile about 20 s on the real API server. Without
   * retries the refusal comes back at once ({@code evict()} answers false) and the next reconcile,
   * a second later, tries again.
   */
  static KubernetesClient withoutRetries(KubernetesClient client) {
    RequestConfig once =
        new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
            .withRequestRetryBackoffLimit(0)
            .build();
    return client.newClient(once).adapt(KubernetesClient.class);
  }

  private void loseReplicas(String namespace, InjectedFault fault, Target target) {
    String name = fault.getObject().substring("Deployment/".length());
    var deployments = client.apps().deployments().inNamespace(namespace);
    var current = deployments.withName(name).get();
    if (current == null) {
      throw new IllegalStateException("Deployment " + name + " not found");
    }
    // Injecting again (an operator restarted after injecting, before its status write) must not
    // lose more replicas: only the recorded pods still there and not terminating are taken. Pods
    // the ReplicaSet removed already mean the loss happened.
    int lose = 0;
    for (String pod : fault.getTargets()) {
      Pod now = client.pods().inNamespace(namespace).withName(pod).get();
      if (now == null || now.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      try {
        // a merge patch of that one annotation, without a resourceVersion: a status write to the
        // pod in between cannot make it fail with 409 Conflict (as an edit could)
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + DELETION_COST + "\":\"-1000\"}}}");
        lose++;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    if (lose == 0) {
      return;
    }
    int replicas = Objects.requireNonNullElse(current.getSpec().getReplicas(), 1);
    int scaled = Math.max(0, replicas - lose);
    // A JSON merge patch of spec.replicas alone: the verb the operator already holds (patch), and
    // the ModelDeployment reconciler's server-side apply takes the field back.
    deployments
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + scaled + "}}");
  }

  @Override
  public boolean active(String namespace, InjectedFault fault) {
    return switch (fault.getType()) {
      // Absorbed faults: active as long as a targeted pod still exists.
      case PodKill, ReplicaLoss ->
          fault.getTargets().stream()
              .anyMatch(p -> client.pods().inNamespace(namespace).withName(p).get() != null);
      case RuntimeLatency, RuntimeErrors, RuntimeUnready -> {
        String token = token(namespace, fault);
        yield token != null
            && addresses(namespace, fault).values().stream()
                .anyMatch(base -> runtime.active(base, token, fault.getType()));
      }
      case NetworkPartition ->
          client
                  .network()
                  .v1()
                  .networkPolicies()
                  .inNamespace(namespace)
                  .withName(fault.getObject().substring(POLICY.length()))
                  .get()
              != null;
      case NodeDrain ->
          cordoned(fault).stream()
              .map(n -> client.nodes().withName(n).get())
              .anyMatch(n -> n != null && NodeDrains.cordoned(n));
      case CpuStress, MemoryStress -> false; // never injected by this engine
    };
  }

  /**
   * PodKill and ReplicaLoss leave nothing behind to remove: the Deployment replaces the pods, and
   * the ModelDeployment reconciler restores the replica count (drift correction). The others are
   * undone; what is already gone is fine.
   */
  @Override
  public void remove(String namespace, InjectedFault fault) {
    switch (fault.getType()) {
      case PodKill, ReplicaLoss -> {}
      case RuntimeLatency, RuntimeErrors, RuntimeUnready -> {
        String token = token(namespace, fault);
        if (token == null) {
          // No Secret: the opt-in was withdrawn (the pods roll without the admin API) or the
          // ModelDeployment is gone; the faults expire by themselves at the drill's end anyway.
          return;
        }
        addresses(namespace, fault).values().forEach(b -> runtime.clear(b, token, fault.getType()));
      }
      case NetworkPartition -> {
        String name = fault.getObject().substring(POLICY.length());
        client.network().v1().networkPolicies().inNamespace(namespace).withName(name).delete();
        for (String pod : fault.getTargets()) {
          labelPod(namespace, pod, null);
        }
      }
      case NodeDrain -> cordoned(fault).forEach(n -> cordon(n, false));
    }
  }

  private static List<String> cordoned(InjectedFault fault) {
    return fault.getCordonedNodes() == null ? List.of() : fault.getCordonedNodes();
  }

  private static DrillTrack track(DrillRunSpec spec) {
    return spec.getTarget().getTrack() == null ? DrillTrack.Stable : spec.getTarget().getTrack();
  }

  private static String deployment(DrillRunSpec spec, Target target) {
    return track(spec) == DrillTrack.Canary
        ? ModelDeploymentNames.canaryDeployment(target.md())
        : ModelDeploymentNames.stableDeployment(target.md());
  }
}
