package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a Node the way a kubelet does and keeps it alive: the Node with its labels, a status
 * with capacity, addresses and a Ready condition, and a Lease in {@code kube-node-lease} renewed
 * every {@link #RENEW_SECONDS} seconds, so the real node-lifecycle-controller lifts the {@code
 * not-ready} taint admission puts on new Nodes and never marks the node unreachable.
 */
public final class NodeRegistration {

  /** How often {@link #renewLease()} should run (the kubelet's default is 10 s). */
  public static final int RENEW_SECONDS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);
  private static final String LEASE_NAMESPACE = "kube-node-lease";

  private final KubernetesClient client;
  private final String name;

  /**
   * What to register.
   *
   * @param name the Node name
   * @param labels its labels
   * @param capacity capacity, also used as allocatable
   * @param internalIp its InternalIP address (the API server reaches the kubelet there)
   * @param kubeletPort the port of the kubelet endpoint ({@code kubectl logs}); 0 for none
   * @param kubeletVersion what {@code kubectl get nodes} shows as VERSION
   * @param taints taints the node registers with
   */
  public record Registration(
      String name,
      Map<String, String> labels,
      Map<String, Quantity> capacity,
      String internalIp,
      int kubeletPort,
      String kubeletVersion,
      List<Taint> taints) {}

  private NodeRegistration(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** Creates the Node, its status and its Lease. */
  public static NodeRegistration register(KubernetesClient client, Registration node) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(node.name())
                .withLabels(node.labels())
                .endMetadata()
                .withNewSpec()
                .withTaints(node.taints())
                .endSpec()
                .build())
        .create();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    var status =
        new NodeStatusBuilder()
            .withCapacity(node.capacity())
            .withAllocatable(node.capacity())
            .addNewAddress()
            .withType("InternalIP")
            .withAddress(node.internalIp())
            .endAddress()
            .addNewAddress()
            .withType("Hostname")
            .withAddress(node.name())
            .endAddress()
            .withConditions(
                new NodeConditionBuilder()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .withMessage("kubelet is posting ready status")
                    .withLastHeartbeatTime(now)
                    .withLastTransitionTime(now)
                    .build())
            .withNewDaemonEndpoints()
            .withNewKubeletEndpoint()
            .withPort(node.kubeletPort())
            .endKubeletEndpoint()
            .endDaemonEndpoints()
            .withNewNodeInfo()
            .withArchitecture("amd64")
            .withOperatingSystem("linux")
            .withKubeletVersion(node.kubeletVersion())
            .withKubeProxyVersion("")
            .withContainerRuntimeVersion("process://local")
            .endNodeInfo()
            .build();
    // kube-controller-manager edits new Nodes at once: merge-patch the status without a version.
    client
        .nodes()
        .withName(node.name())
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), new NodeBuilder().withStatus(status).build());
    var registration = new NodeRegistration(client, node.name());
    registration.liftNotReadyTaint();
    client
        .leases()
        .inNamespace(LEASE_NAMESPACE)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(node.name())
                .withNamespace(LEASE_NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(node.name())
                .withLeaseDurationSeconds(40)
                .withRenewTime(now())
                .endSpec()
                .build())
        .create();
    return registration;
  }

  /** The node's name. */
  public String name() {
    return name;
  }

  /** Renews the node's Lease (call every {@link #RENEW_SECONDS} seconds). */
  public void renewLease() {
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

  /** Deletes the Node (its pods are then garbage collected by the pod GC controller). */
  public void deregister() {
    try {
      client.nodes().withName(name).delete();
      client.leases().inNamespace(LEASE_NAMESPACE).withName(name).delete();
    } catch (KubernetesClientException e) {
      LOG.debug("node {} not deregistered: {}", name, e.getMessage());
    }
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

  private static ZonedDateTime now() {
    return ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
