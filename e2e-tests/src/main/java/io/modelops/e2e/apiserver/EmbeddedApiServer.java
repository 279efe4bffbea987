package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API server in this JVM, on loopback, good enough for the operator, its fake
 * controllers and the real {@code kubectl}: fabric8's mock server in CRUD mode (objects, watches,
 * status subresource, resourceVersion conflicts) behind {@link ApiDispatcher} (discovery, Table
 * rendering, merge and strategic merge patch, request counting).
 *
 * <p>What it does not do, like the mock underneath: schema validation, admission, server-side
 * apply, garbage collection, and no controllers run.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  /** Keeps the JUL logger (and its level) alive: the mock web server logs every request. */
  private static final Logger MOCK_WEB_SERVER_LOG =
      Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  private final KubernetesMockServer server;
  private final RequestCounter counter = new RequestCounter();
  private final List<KubernetesClient> clients = new ArrayList<>();

  private EmbeddedApiServer(int port) {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    ObjectMapper mapper = new ObjectMapper();
    ApiDispatcher dispatcher =
        new ApiDispatcher(new IndexedCrudDispatcher(), counter, mapper, Clock.systemUTC());
    server =
        new KubernetesMockServer(
            new Context(mapper), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.start(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      try {
        server.shutdown();
      } catch (RuntimeException ignored) {
        // nothing was started
      }
      throw new IllegalStateException(
          "cannot listen on 127.0.0.1:"
              + port
              + (port == 0 ? "" : " (is the port in use, by an earlier demo for instance?)")
              + ": "
              + e.getMessage(),
          e);
    }
    dispatcher.ensureNamespace("default");
  }

  /**
   * Starts a server on {@code 127.0.0.1:port}.
   *
   * @param port the port, or 0 for a free one
   */
  public static EmbeddedApiServer start(int port) {
    return new EmbeddedApiServer(port);
  }

  public int port() {
    return server.getPort();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:17070}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public RequestCounter requests() {
    return counter;
  }

  /**
   * A new client for this server. {@code userAgent}'s first token names the client in the {@link
   * #requests() request counter}. Clients are closed with the server.
   */
  public synchronized KubernetesClient newClient(String userAgent) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace("default")
            .withUserAgent(userAgent)
            .withHttp2Disable(true)
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  /** Installs the CRDs in a YAML file (one or more documents) and returns them. */
  public List<CustomResourceDefinition> installCrds(Path yaml) throws IOException {
    List<CustomResourceDefinition> out = new ArrayList<>();
    try (KubernetesClient client = newClient("modelops-setup");
        InputStream in = Files.newInputStream(yaml)) {
      for (HasMetadata item : client.load(in).items()) {
        if (item instanceof CustomResourceDefinition crd) {
          out.add(client.resource(crd).createOr(existing -> existing.update()));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no CustomResourceDefinition in " + yaml);
    }
    return out;
  }

  /** Writes a kubeconfig for kubectl (namespace {@code default}, plain HTTP on loopback). */
  public Path writeKubeconfig(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: modelops-local
          cluster:
            server: %s
        users:
        - name: modelops-local
          user: {}
        contexts:
        - name: modelops-local
          context:
            cluster: modelops-local
            user: modelops-local
            namespace: default
        current-context: modelops-local
        """
            .formatted(url());
    Files.writeString(file, yaml);
    return file;
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    server.shutdown();
  }
}
