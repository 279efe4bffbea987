package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L4 half of {@link ServiceProxy}: keeps one {@link TcpForwarder} per TCP port of each proxied
 * Service in step with the Service (ports added, removed, retargeted) and its {@code
 * modelops.io/local-address*} annotations in step with the listeners.
 */
final class ServicePortListeners implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServicePortListeners.class);
  private static final Set<String> TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer");

  private final KubernetesClient client;
  private final EndpointTracker endpoints;
  private final ThreadPoolExecutor pumps = ProxyThreads.direct("service-proxy-connection", 1024);
  private final Map<String, Map<String, PortListener>> listeners = new ConcurrentHashMap<>();
  private boolean closed;

  private static final class PortListener {
    volatile ServicePort port;
    TcpForwarder forwarder;
  }

  ServicePortListeners(KubernetesClient client, EndpointTracker endpoints) {
    this.client = client;
    this.endpoints = endpoints;
  }

  /** See {@link ServiceProxy#address}. */
  Optional<InetSocketAddress> address(String namespace, String service, String portName) {
    var ports = listeners.get(namespace + "/" + service);
    if (ports == null || ports.isEmpty()) {
      return Optional.empty();
    }
    var listener =
        portName == null || portName.isEmpty()
            ? ports.values().iterator().next()
            : ports.get(portName);
    return Optional.ofNullable(listener).map(l -> l.forwarder.address());
  }

  private static String key(Service s) {
    return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }

  private static boolean proxied(Service s) {
    var spec = s.getSpec();
    return spec != null
        && TYPES.contains(spec.getType() == null ? "ClusterIP" : spec.getType())
        && spec.getSelector() != null
        && !spec.getSelector().isEmpty()
        && !"None".equals(spec.getClusterIP());
  }

  /** Opens, keeps or closes the Service's listeners so they match its TCP ports, and annotates. */
  synchronized void sync(Service s) {
    if (closed) {
      return;
    }
    String ns = s.getMetadata().getNamespace();
    String name = s.getMetadata().getName();
    var old = listeners.getOrDefault(key(s), Map.of());
    var now = new LinkedHashMap<String, PortListener>();
    if (proxied(s)) {
      for (ServicePort port : s.getSpec().getPorts()) {
        if (port.getProtocol() != null && !"TCP".equals(port.getProtocol())) {
          continue;
        }
        String portName = port.getName() == null ? "" : port.getName();
        PortListener listener = old.get(portName);
        if (listener == null) {
          listener = open(ns, name, portName);
        }
        listener.port = port;
        now.put(portName, listener);
      }
    }
    old.forEach(
        (portName, l) -> {
          if (now.get(portName) != l) {
            l.forwarder.close();
          }
        });
    listeners.put(key(s), now);
    annotate(s, now);
  }

  /** Closes the listeners of a deleted Service. */
  synchronized void remove(Service s) {
    close(listeners.remove(key(s)));
  }

  private PortListener open(String ns, String name, String portName) {
    var listener = new PortListener();
    try {
      listener.forwarder =
          TcpForwarder.open(
              ns + "/" + name + (portName.isEmpty() ? "" : ":" + portName),
              () -> endpoints.roundRobin(ns, name, listener.port),
              pumps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LOG.info("Service {}/{} port '{}' on {}", ns, name, portName, listener.forwarder.address());
    return listener;
  }

  private void annotate(Service s, Map<String, PortListener> ports) {
    var wanted = new LinkedHashMap<String, String>();
    ports.forEach(
        (portName, l) -> {
          String address = LocalAddresses.format(l.forwarder.address());
          wanted.putIfAbsent(LocalAddresses.ANNOTATION, address);
          if (!portName.isEmpty()) {
            wanted.put(LocalAddresses.portAnnotation(portName), address);
          }
        });
    LocalAddresses.sync(
        s.getMetadata().getAnnotations(),
        wanted,
        patch -> {
          try {
            client
                .services()
                .inNamespace(s.getMetadata().getNamespace())
                .withName(s.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
          } catch (KubernetesClientException e) {
            LOG.debug("annotating Service {} failed: {}", key(s), e.getMessage());
          }
        });
  }

  private static void close(Map<String, PortListener> ports) {
    if (ports != null) {
      ports.values().forEach(l -> l.forwarder.close());
    }
  }

  /** Closes every listener and forwarded connection. */
  @Override
  public synchronized void close() {
    closed = true;
    listeners.values().forEach(ServicePortListeners::close);
    listeners.clear();
    pumps.shutdownNow();
  }
}
