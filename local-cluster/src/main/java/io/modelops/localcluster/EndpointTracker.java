package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows {@code discovery.k8s.io/v1} EndpointSlices in every namespace (one informer) and answers,
 * for one Service port, its ready endpoints in round-robin order: each call starts one further
 * along, so trying them in order spreads connections and skips a refusing one.
 */
final class EndpointTracker implements AutoCloseable {

  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  private static final String BY_SERVICE = "by-service";

  private final SharedIndexInformer<EndpointSlice> slices;
  private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
  private final PodPortLookup podPorts;

  EndpointTracker(KubernetesClient client) {
    this.podPorts = new PodPortLookup(client);
    this.slices =
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inAnyNamespace()
            .withLabel(SERVICE_NAME_LABEL)
            .withIndexers(Map.of(BY_SERVICE, s -> List.of(serviceKey(s))))
            .inform();
  }

  private static String serviceKey(EndpointSlice slice) {
    return slice.getMetadata().getNamespace()
        + "/"
        + slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
  }

  /**
   * The ready endpoints of {@code port} of Service {@code namespace/service}, rotated by one per
   * call. An endpoint is ready when {@code conditions.ready} is true or unset (the API defines
   * unset as ready); only its first address counts (the API calls the others fungible). The Service
   * port maps to the EndpointSlice port of the same name, else to its numeric {@code targetPort};
   * that container port maps to the pod's host port where the process kubelet runs pods on a shared
   * address ({@link PodPortLookup}).
   */
  List<InetSocketAddress> roundRobin(String namespace, String service, ServicePort port) {
    var ready = new TreeSet<InetSocketAddress>(Comparator.comparing(InetSocketAddress::toString));
    for (EndpointSlice slice : slices.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service)) {
      Integer target = targetPort(slice, port);
      if (target == null || "FQDN".equals(slice.getAddressType()) || slice.getEndpoints() == null) {
        continue;
      }
      for (Endpoint endpoint : slice.getEndpoints()) {
        if (isReady(endpoint) && !endpoint.getAddresses().isEmpty()) {
          ready.add(address(endpoint.getAddresses().get(0), podPorts.port(endpoint, target)));
        }
      }
    }
    var ordered = new ArrayList<>(ready);
    if (!ordered.isEmpty()) {
      String key = namespace + "/" + service + "/" + port.getName() + "/" + port.getPort();
      int start = cursors.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
      java.util.Collections.rotate(ordered, -Math.floorMod(start, ordered.size()));
    }
    return ordered;
  }

  private static Integer targetPort(EndpointSlice slice, ServicePort port) {
    if (slice.getPorts() != null) {
      for (EndpointPort p : slice.getPorts()) {
        boolean tcp = p.getProtocol() == null || "TCP".equals(p.getProtocol());
        if (tcp && Objects.equals(emptyIfNull(p.getName()), emptyIfNull(port.getName()))) {
          return p.getPort();
        }
      }
    }
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    return target.getIntVal();
  }

  private static boolean isReady(Endpoint endpoint) {
    return endpoint.getConditions() == null
        || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
  }

  private static InetSocketAddress address(String ip, int port) {
    try {
      // A literal address: no name lookup happens.
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }

  private static String emptyIfNull(String s) {
    return s == null ? "" : s;
  }

  @Override
  public void close() {
    slices.close();
  }
}
