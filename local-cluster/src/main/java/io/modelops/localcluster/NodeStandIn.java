package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node that runs no containers: it registers a Node, keeps it alive with a Lease in {@code
 * kube-node-lease} (so the real node-lifecycle-controller lifts the {@code not-ready} taint and
 * never evicts), and plays the kubelet's status part for the pods bound to it: each gets a pod IP
 * from 10.244.0.0/16 (EndpointSlices refuse loopback addresses), Running, and Ready when {@link
 * #readiness} says so; a pod being deleted is removed with grace period 0.
 */
public final class NodeStandIn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeStandIn.class);
  private static final String LEASE_NAMESPACE = "kube-node-lease";
  private static final String NODE_IP = "192.0.2.10";

  private final KubernetesClient client;
  private final String name;
  private final ScheduledExecutorService timer;
  private final AtomicInteger nextIp = new AtomicInteger(2);
  private final Map<String, String> podIps = new ConcurrentHashMap<>();
  private volatile Predicate<Pod> readiness = pod -> true;
  private SharedIndexInformer<Pod> pods;

  private NodeStandIn(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "node-stand-in-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  /** Registers the node and starts serving pods bound to it. */
  public static NodeStandIn start(KubernetesClient client, String name) {
    var node = new NodeStandIn(client, name);
    node.register();
    node.pods =
        client.pods().inAnyNamespace().withField("spec.nodeName", name).inform(node.handler());
    node.timer.scheduleAtFixedRate(node::renewLease, 10, 10, TimeUnit.SECONDS);
    return node;
  }

  /** The node's name. */
  public String name() {
    return name;
  }

  /** Decides which pods are Ready (default: all); pods already running are re-checked. */
  public void readiness(Predicate<Pod> readiness) {
    this.readiness = readiness;
    if (pods != null) {
      pods.getStore().list().forEach(pod -> timer.execute(() -> handle(pod)));
    }
  }

  private void register() {
    var node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(
                Map.of(
                    "kubernetes.io/hostname", name,
                    "kubernetes.io/os", "linux",
                    "kubernetes.io/arch", "amd64",
                    "modelops.io/node-stand-in", "true"))
            .endMetadata()
            .build();
    client.nodes().resource(node).create();
    // Big enough for the convergence benchmark's 1,000 ModelDeployments: it runs nothing.
    Map<String, Quantity> capacity =
        Map.of(
            "cpu",
            new Quantity("4000"),
            "memory",
            new Quantity("16Ti"),
            "pods",
            new Quantity("5000"));
    var status =
        new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
            .withCapacity(capacity)
            .withAllocatable(capacity)
            .addNewAddress()
            .withType("InternalIP")
            .withAddress(NODE_IP)
            .endAddress()
            .addNewAddress()
            .withType("Hostname")
            .withAddress(name)
            .endAddress()
            .withConditions(readyCondition())
            .withNewNodeInfo()
            .withArchitecture("amd64")
            .withOperatingSystem("linux")
            .withKubeletVersion("v0.0.0-modelops-stand-in")
            .withContainerRuntimeVersion("none://0")
            .endNodeInfo()
            .build();
    // kube-controller-manager edits new Nodes at once: merge-patch the status without a version.
    client
        .nodes()
        .withName(name)
        .subresource("status")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            new NodeBuilder().withStatus(status).build());
    liftNotReadyTaint();
    client
        .leases()
        .inNamespace(LEASE_NAMESPACE)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(LEASE_NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(name)
                .withLeaseDurationSeconds(40)
                .withRenewTime(now())
                .endSpec()
                .build())
        .create();
  }

  /**
   * The admission plugin taints new Nodes {@code not-ready}; node-lifecycle-controller lifts it
   * once it sees the node Ready, within its monitor period. Lifting it at once saves that wait;
   * when kube-controller-manager edits the node at the same moment, the controller does it.
   */
  private void liftNotReadyTaint() {
    try {
      var node = client.nodes().withName(name).get();
      if (node.getSpec().getTaints() == null) {
        return;
      }
      var kept =
          node.getSpec().getTaints().stream()
              .filter(t -> !t.getKey().startsWith("node.kubernetes.io/not-ready"))
              .toList();
      node.getSpec().setTaints(kept);
      client.nodes().resource(node).update();
    } catch (KubernetesClientException e) {
      LOG.info(
          "node {}: not-ready taint left to node-lifecycle-controller ({})", name, e.getCode());
    }
  }

  private static NodeCondition readyCondition() {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new NodeConditionBuilder()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("stand-in node is ready")
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(now)
        .build();
  }

  private void renewLease() {
    try {
      client
          .leases()
          .inNamespace(LEASE_NAMESPACE)
          .withName(name)
          .edit(
              (Lease lease) -> {
                lease.getSpec().setRenewTime(now());
                return lease;
              });
    } catch (KubernetesClientException e) {
      LOG.warn("lease renewal of node {} failed: {}", name, e.getMessage());
    }
  }

  private static ZonedDateTime now() {
    return ZonedDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private ResourceEventHandler<Pod> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        timer.execute(() -> handle(pod));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        timer.execute(() -> handle(pod));
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        podIps.remove(pod.getMetadata().getUid());
      }
    };
  }

  private void handle(Pod pod) {
    try {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        client.pods().resource(pod).withGracePeriod(0).delete();
      } else if (pod.getStatus() == null
          || pod.getStatus().getPodIP() == null
          || isReady(pod) != readiness.test(pod)) {
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .editStatus(this::running);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.warn(
            "stand-in status for pod {}/{} failed: {}",
            pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(),
            e.getMessage());
      }
    }
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private Pod running(Pod pod) {
    boolean ready = readiness.test(pod);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String ip =
        podIps.computeIfAbsent(
            pod.getMetadata().getUid(),
            uid -> {
              int n = nextIp.getAndIncrement();
              return "10.244." + (n / 250) + "." + (n % 250 + 2);
            });
    List<ContainerStatus> containers = new ArrayList<>();
    pod.getSpec()
        .getContainers()
        .forEach(
            c ->
                containers.add(
                    new ContainerStatusBuilder()
                        .withName(c.getName())
                        .withImage(c.getImage())
                        .withImageID(c.getImage())
                        .withReady(ready)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt(now)
                        .endRunning()
                        .endState()
                        .build()));
    var status = pod.getStatus();
    status.setPhase("Running");
    status.setHostIP(NODE_IP);
    status.setPodIP(ip);
    status.setPodIPs(List.of(new io.fabric8.kubernetes.api.model.PodIP(ip)));
    status.setStartTime(now);
    status.setContainerStatuses(containers);
    status.setConditions(
        List.of(
            condition("PodScheduled", true, now),
            condition("Initialized", true, now),
            condition("ContainersReady", ready, now),
            condition("Ready", ready, now)));
    return pod;
  }

  private static PodCondition condition(String type, boolean value, String now) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(value ? "True" : "False")
        .withLastTransitionTime(now)
        .build();
  }

  /** Stops watching; the Node object stays (the control plane is going away anyway). */
  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    timer.shutdownNow();
  }
}
