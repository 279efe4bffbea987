package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.modelops.localcluster.kubelet.NodeRegistration;
import java.time.Instant;
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
  private static final String NODE_IP = "192.0.2.10";

  private final KubernetesClient client;
  private final String name;
  private final ScheduledExecutorService timer;
  private final AtomicInteger nextIp = new AtomicInteger(2);
  private final Map<String, String> podIps = new ConcurrentHashMap<>();
  private volatile Predicate<Pod> readiness = pod -> true;
  private SharedIndexInformer<Pod> pods;
  private NodeRegistration registration;

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
    node.timer.scheduleAtFixedRate(
        node.registration::renewLease,
        NodeRegistration.RENEW_SECONDS,
        NodeRegistration.RENEW_SECONDS,
        TimeUnit.SECONDS);
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
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("modelops.io/node-stand-in", "true");
    // Big enough for the convergence benchmark's 1,000 ModelDeployments: it runs nothing.
    Map<String, Quantity> capacity =
        Map.of(
            "cpu",
            new Quantity("4000"),
            "memory",
            new Quantity("16Ti"),
            "pods",
            new Quantity("5000"));
    registration =
        NodeRegistration.register(
            client,
            new NodeRegistration.Registration(
                name, labels, capacity, NODE_IP, 0, "v0.0.0-modelops-stand-in", List.of()));
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
