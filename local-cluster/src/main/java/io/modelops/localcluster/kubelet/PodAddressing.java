package io.modelops.localcluster.kubelet;

import java.util.Set;

/**
 * How one node gives its pods an address, per {@link NetworkMode}: {@link PodNetwork} (a network
 * namespace per pod) or {@link SharedAddressNetwork} (one shared address, a host port per container
 * port).
 */
interface PodAddressing extends AutoCloseable {

  /**
   * A pod's address.
   *
   * @param ip the pod's IP
   * @param netns its network namespace, null when it runs in the host's
   * @param ports where its container ports listen
   */
  record PodAddress(String ip, String netns, PodPorts ports) {}

  NetworkMode mode();

  /** The node's address (its InternalIP and the pods' gateway). */
  String nodeAddress();

  /** For the log: the CIDR and gateway, or the shared address. */
  String describe();

  /** Gives the pod {@code podUid}, whose containers declare {@code containerPorts}, an address. */
  PodAddress create(String podUid, Set<Integer> containerPorts);

  /** Frees the pod's address. */
  void delete(String podUid);

  /** The pod's network namespace and veth, null when it has none. */
  PodNetwork.Sandbox sandbox(String podUid);

  /** Frees everything this node's networking made. */
  @Override
  void close();
}
