package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service routing for the local cluster, where no kube-proxy runs: every Service of type ClusterIP,
 * NodePort or LoadBalancer with a selector gets, per TCP port, a listener on 127.0.0.1 that
 * forwards each connection to one of the Service's ready endpoints (EndpointSlices, round robin, as
 * kube-proxy balances per connection). The address is written to the Service as {@code
 * modelops.io/local-address} (first port) and {@code modelops.io/local-address.<portName>} (each
 * named port), and returned by {@link #address}. When the Gateway API CRDs are installed at start,
 * HTTPRoutes are served too ({@link HttpRouteGateway}, {@link #routeAddress}).
 */
public final class ServiceProxy implements AutoCloseable {

  /** The Service/HTTPRoute annotation holding {@code 127.0.0.1:<port>} (the first port's). */
  public static final String ADDRESS_ANNOTATION = LocalAddresses.ANNOTATION;

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
  private static final Set<String> TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer");

  private final KubernetesClient client;
  private final EndpointTracker endpoints;
  private final ThreadPoolExecutor pumps = ProxyThreads.direct("service-proxy-connection", 1024);
  private final Map<String, Map<String, PortListener>> listeners = new ConcurrentHashMap<>();
  private SharedIndexInformer<Service> services;
  private HttpRouteGateway gateway;
  private boolean closed;

  private static final class PortListener {
    volatile ServicePort port;
    TcpForwarder forwarder;
  }

  private ServiceProxy(KubernetesClient client) {
    this.client = client;
    this.endpoints = new EndpointTracker(client);
  }

  /**
   * Starts following Services, EndpointSlices and (if their CRD is installed) HTTPRoutes in every
   * namespace. Install the Gateway API first ({@link LocalControlPlane#installGatewayApi()}) to get
   * the HTTP gateway.
   */
  public static ServiceProxy start(KubernetesClient client) {
    var proxy = new ServiceProxy(client);
    try {
      proxy.services = client.services().inAnyNamespace().inform(proxy.handler());
      if (HttpRouteGateway.installed(client)) {
        proxy.gateway = HttpRouteGateway.start(client, proxy);
      }
      return proxy;
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  /**
   * Where the proxy listens for port {@code portName} of the Service ({@code null} or empty: its
   * first port); empty while it does not (yet) proxy that port.
   */
  public Optional<InetSocketAddress> address(String namespace, String service, String portName) {
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

  /** Where the HTTP gateway listens for HTTPRoute {@code namespace/route}. */
  public Optional<InetSocketAddress> routeAddress(String namespace, String route) {
    return gateway == null ? Optional.empty() : gateway.address(namespace, route);
  }

  /**
   * The ready endpoints, in round-robin order, of the port numbered {@code port} of a Service of
   * any type (for HTTPRoute backendRefs).
   *
   * @throws IllegalStateException when there is no such Service or port (the reason as message)
   */
  List<InetSocketAddress> backends(String namespace, String service, int port) {
    Service s = services.getStore().getByKey(namespace + "/" + service);
    if (s == null) {
      throw new IllegalStateException("Service " + namespace + "/" + service + " not found");
    }
    return s.getSpec().getPorts().stream()
        .filter(p -> p.getPort() == port)
        .findFirst()
        .map(p -> endpoints.roundRobin(namespace, service, p))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Service " + namespace + "/" + service + " has no port " + port));
  }

  private ResourceEventHandler<Service> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service s) {
        sync(s);
      }

      @Override
      public void onUpdate(Service old, Service s) {
        sync(s);
      }

      @Override
      public void onDelete(Service s, boolean unknown) {
        remove(s);
      }
    };
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

  private synchronized void remove(Service s) {
    close(listeners.remove(key(s)));
  }

  private synchronized void sync(Service s) {
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
          wanted.putIfAbsent(ADDRESS_ANNOTATION, address);
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

  /** Stops watching and closes every listener and forwarded connection. */
  @Override
  public synchronized void close() {
    closed = true;
    if (gateway != null) {
      gateway.close();
    }
    if (services != null) {
      services.close();
    }
    endpoints.close();
    listeners.values().forEach(ServiceProxy::close);
    listeners.clear();
    pumps.shutdownNow();
  }
}
