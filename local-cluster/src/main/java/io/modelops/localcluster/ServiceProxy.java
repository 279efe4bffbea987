package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Service routing for the local cluster, where no kube-proxy and no Gateway API implementation run:
 * every Service of type ClusterIP, NodePort or LoadBalancer with a selector gets, per TCP port, a
 * listener on 127.0.0.1 that forwards each connection to one of the Service's ready endpoints
 * (EndpointSlices, round robin, as kube-proxy balances per connection). The address is written to
 * the Service as {@code modelops.io/local-address} (first port) and {@code
 * modelops.io/local-address.<portName>} (each named port), and returned by {@link #address}. When
 * the Gateway API CRDs are installed at start, each HTTPRoute gets an HTTP listener too ({@link
 * HttpRouteGateway}, {@link #routeAddress}). See local-cluster/README.md.
 */
public final class ServiceProxy implements AutoCloseable {

  /** The Service/HTTPRoute annotation holding {@code 127.0.0.1:<port>} (the first port's). */
  public static final String ADDRESS_ANNOTATION = LocalAddresses.ANNOTATION;

  private final EndpointTracker endpoints;
  private final ServicePortListeners ports;
  private SharedIndexInformer<Service> services;
  private HttpRouteGateway gateway;

  private ServiceProxy(KubernetesClient client) {
    this.endpoints = new EndpointTracker(client);
    this.ports = new ServicePortListeners(client, endpoints);
  }

  /**
   * Starts following Services, EndpointSlices and (if their CRD is installed) HTTPRoutes in every
   * namespace. Install the Gateway API first ({@link LocalControlPlane#installGatewayApi()}) to get
   * the HTTP gateway. Run one per cluster: two would overwrite each other's annotations.
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
    return ports.address(namespace, service, portName);
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
        ports.sync(s);
      }

      @Override
      public void onUpdate(Service old, Service s) {
        ports.sync(s);
      }

      @Override
      public void onDelete(Service s, boolean unknown) {
        ports.remove(s);
      }
    };
  }

  /** Stops watching and closes every listener and forwarded connection. */
  @Override
  public synchronized void close() {
    if (gateway != null) {
      gateway.close();
    }
    if (services != null) {
      services.close();
    }
    endpoints.close();
    ports.close();
  }
}
