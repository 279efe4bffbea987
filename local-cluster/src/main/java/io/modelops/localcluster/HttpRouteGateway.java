package io.modelops.localcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L7 part of the service proxy, standing in for a Gateway API implementation: one {@link
 * HttpRouteListener} on 127.0.0.1 per {@code gateway.networking.k8s.io/v1} HTTPRoute (all
 * namespaces, read as generic resources), its address in the route's {@code
 * modelops.io/local-address} annotation. Gateways and parentRefs are not looked at.
 */
final class HttpRouteGateway implements AutoCloseable {

  static final ResourceDefinitionContext HTTP_ROUTES =
      new ResourceDefinitionContext.Builder()
          .withGroup("gateway.networking.k8s.io")
          .withVersion("v1")
          .withKind("HTTPRoute")
          .withPlural("httproutes")
          .withNamespaced(true)
          .build();

  private static final Logger LOG = LoggerFactory.getLogger(HttpRouteGateway.class);

  private final KubernetesClient client;
  private final HttpRouteListener.Backends backends;
  private final ThreadPoolExecutor pool = ProxyThreads.queued("service-proxy-http", 64);
  private final ThreadPoolExecutor httpClientPool =
      ProxyThreads.queued("service-proxy-http-client", 16);
  private final HttpClient http;
  private final Map<String, HttpRouteListener> listeners = new ConcurrentHashMap<>();
  private SharedIndexInformer<GenericKubernetesResource> routes;
  private boolean closed;

  private HttpRouteGateway(KubernetesClient client, HttpRouteListener.Backends backends) {
    this.client = client;
    this.backends = backends;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(httpClientPool)
            .build();
  }

  /** Whether the API server serves HTTPRoutes (the Gateway API CRDs are installed). */
  static boolean installed(KubernetesClient client) {
    return client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("httproutes.gateway.networking.k8s.io")
            .get()
        != null;
  }

  static HttpRouteGateway start(KubernetesClient client, ServiceProxy proxy) {
    var gateway = new HttpRouteGateway(client, proxy::backends);
    gateway.routes =
        client.genericKubernetesResources(HTTP_ROUTES).inAnyNamespace().inform(gateway.handler());
    return gateway;
  }

  Optional<InetSocketAddress> address(String namespace, String route) {
    return Optional.ofNullable(listeners.get(namespace + "/" + route))
        .map(HttpRouteListener::address);
  }

  private ResourceEventHandler<GenericKubernetesResource> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource route) {
        sync(route);
      }

      @Override
      public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource route) {
        sync(route);
      }

      @Override
      public void onDelete(GenericKubernetesResource route, boolean unknown) {
        remove(route);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private synchronized void sync(GenericKubernetesResource route) {
    if (closed) {
      return;
    }
    String ns = route.getMetadata().getNamespace();
    String key = ns + "/" + route.getMetadata().getName();
    var spec = (Map<String, Object>) route.getAdditionalProperties().getOrDefault("spec", Map.of());
    var rules = HttpRouteRules.parse(ns, spec);
    var listener = listeners.get(key);
    if (listener != null) {
      listener.update(rules);
    } else {
      try {
        listener = new HttpRouteListener("HTTPRoute " + key, rules, backends, http, pool);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      listeners.put(key, listener);
      LOG.info("HTTPRoute {} on {}", key, listener.address());
    }
    LocalAddresses.sync(
        route.getMetadata().getAnnotations(),
        Map.of(LocalAddresses.ANNOTATION, LocalAddresses.format(listener.address())),
        patch -> {
          try {
            client
                .genericKubernetesResources(HTTP_ROUTES)
                .inNamespace(ns)
                .withName(route.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
          } catch (KubernetesClientException e) {
            LOG.debug("annotating HTTPRoute {} failed: {}", key, e.getMessage());
          }
        });
  }

  private synchronized void remove(GenericKubernetesResource route) {
    var listener =
        listeners.remove(route.getMetadata().getNamespace() + "/" + route.getMetadata().getName());
    if (listener != null) {
      listener.close();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (routes != null) {
      routes.close();
    }
    listeners.values().forEach(HttpRouteListener::close);
    listeners.clear();
    pool.shutdownNow();
    httpClientPool.shutdownNow(); // Java 17's HttpClient has no close()
  }
}
