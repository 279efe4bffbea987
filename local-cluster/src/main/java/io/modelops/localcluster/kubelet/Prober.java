package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs one attempt of a probe the way the kubelet does: {@code httpGet} succeeds on a status from
 * 200 to 399 within {@code timeoutSeconds}, {@code tcpSocket} when it connects, {@code exec} when
 * the command exits 0 inside the container.
 */
final class Prober {

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(1))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * Whether one attempt of {@code probe} succeeds against the container at {@code podIp}, whose
   * container ports listen where {@code ports} says.
   */
  boolean attempt(
      Probe probe,
      String podIp,
      PodPorts ports,
      Container container,
      ContainerProcess process,
      long uid,
      long gid) {
    Duration timeout =
        Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
    try {
      if (probe.getHttpGet() != null) {
        var get = probe.getHttpGet();
        boolean ownHost = get.getHost() == null || get.getHost().isEmpty();
        String host = ownHost ? podIp : get.getHost();
        int port = port(get.getPort(), container);
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
        String path = get.getPath() == null ? "/" : get.getPath();
        var request =
            HttpRequest.newBuilder(
                    URI.create(
                        scheme
                            + "://"
                            + host
                            + ":"
                            + (ownHost ? ports.hostPort(port) : port)
                            + path))
                .timeout(timeout)
                .header("User-Agent", "kube-probe/1.36");
        if (get.getHttpHeaders() != null) {
          get.getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
        }
        int status =
            http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return status >= 200 && status < 400;
      }
      if (probe.getTcpSocket() != null) {
        try (Socket socket = new Socket()) {
          socket.connect(
              new InetSocketAddress(
                  podIp, ports.hostPort(port(probe.getTcpSocket().getPort(), container))),
              (int) timeout.toMillis());
          return true;
        }
      }
      if (probe.getExec() != null) {
        return process.exec(probe.getExec().getCommand(), uid, gid, timeout) == 0;
      }
      return false;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A probe or hook port: a number, or the name of one of the container's ports. */
  static int port(IntOrString port, Container container) {
    if (port == null) {
      throw new IllegalArgumentException("probe without a port");
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    if (name.matches("[0-9]+")) {
      return Integer.parseInt(name);
    }
    if (container.getPorts() != null) {
      for (var p : container.getPorts()) {
        if (name.equals(p.getName())) {
          return p.getContainerPort();
        }
      }
    }
    throw new IllegalArgumentException("container has no port named " + name);
  }
}
