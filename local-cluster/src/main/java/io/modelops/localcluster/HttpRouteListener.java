package io.modelops.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTPRoute's listener on 127.0.0.1 (JDK HttpServer). Each request, also on a kept-alive
 * connection, is routed on its own: the matching rule picks a backendRef by weight, the backend
 * Service's ready endpoints are tried in round-robin order (a refused connection moves to the
 * next), and the response is streamed back. No matching rule: 404; no usable backend: 503.
 */
final class HttpRouteListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRouteListener.class);

  /** Finds a Service port's ready endpoints (round robin); throws with the reason when none. */
  interface Backends {
    List<InetSocketAddress> of(String namespace, String service, int port);
  }

  static {
    // The JDK server writes the headers and the body apart: without TCP_NODELAY, Nagle's algorithm
    // and the client's delayed ACK hold every kept-alive response back ~40 ms. Read once, when the
    // first HttpServer starts; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final String name;
  private final HttpServer server;
  private final HttpClient http;
  private final Backends backends;
  private volatile HttpRouteRules rules;

  HttpRouteListener(
      String name, HttpRouteRules rules, Backends backends, HttpClient http, ExecutorService pool)
      throws IOException {
    this.name = name;
    this.rules = rules;
    this.backends = backends;
    this.http = http;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  void update(HttpRouteRules rules) {
    this.rules = rules;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var rule =
          rules.route(
              exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders());
      if (rule.isEmpty()) {
        HttpForwarding.reply(
            exchange,
            404,
            "no rule of HTTPRoute "
                + name
                + " matches "
                + exchange.getRequestMethod()
                + " "
                + exchange.getRequestURI());
        return;
      }
      var backend = rule.get().pick();
      if (backend == null) {
        HttpForwarding.reply(
            exchange,
            503,
            "the matching rule of HTTPRoute " + name + " has no backendRef with a weight above 0");
        return;
      }
      if (backend.problem() != null) {
        HttpForwarding.reply(exchange, 503, backend.problem());
        return;
      }
      List<InetSocketAddress> endpoints;
      try {
        endpoints = backends.of(backend.namespace(), backend.service(), backend.port());
      } catch (IllegalStateException e) {
        HttpForwarding.reply(exchange, 503, "backend of HTTPRoute " + name + ": " + e.getMessage());
        return;
      }
      for (InetSocketAddress endpoint : endpoints) {
        try {
          HttpForwarding.forward(http, exchange, endpoint);
          return;
        } catch (ConnectException e) {
          LOG.debug("{}: {} refused, trying the next endpoint", name, endpoint);
        }
      }
      HttpForwarding.reply(
          exchange,
          503,
          "no ready endpoint of Service "
              + backend.namespace()
              + "/"
              + backend.service()
              + " port "
              + backend.port()
              + " accepted the request");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
