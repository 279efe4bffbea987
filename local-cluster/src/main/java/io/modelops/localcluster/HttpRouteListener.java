package io.modelops.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
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

  /** Hop-by-hop headers, and those java.net.http sets itself. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length",
          "host",
          "expect",
          "http2-settings");

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
        reply(
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
        reply(
            exchange,
            503,
            "the matching rule of HTTPRoute " + name + " has no backendRef with a weight above 0");
        return;
      }
      if (backend.problem() != null) {
        reply(exchange, 503, backend.problem());
        return;
      }
      List<InetSocketAddress> endpoints;
      try {
        endpoints = backends.of(backend.namespace(), backend.service(), backend.port());
      } catch (IllegalStateException e) {
        reply(exchange, 503, "backend of HTTPRoute " + name + ": " + e.getMessage());
        return;
      }
      for (InetSocketAddress endpoint : endpoints) {
        try {
          forward(exchange, endpoint);
          return;
        } catch (ConnectException e) {
          LOG.debug("{}: {} refused, trying the next endpoint", name, endpoint);
        }
      }
      reply(
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

  private void forward(HttpExchange exchange, InetSocketAddress endpoint)
      throws IOException, InterruptedException {
    URI incoming = exchange.getRequestURI();
    URI target =
        URI.create(
            "http://"
                + endpoint.getAddress().getHostAddress()
                + ":"
                + endpoint.getPort()
                + incoming.getRawPath()
                + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery()));
    var request =
        HttpRequest.newBuilder(target).method(exchange.getRequestMethod(), body(exchange));
    exchange
        .getRequestHeaders()
        .forEach(
            (header, values) -> {
              if (!NOT_FORWARDED.contains(header.toLowerCase())) {
                values.forEach(v -> request.header(header, v));
              }
            });
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null) {
      request.header("X-Forwarded-Host", host);
    }
    request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      reply(exchange, 504, "backend " + endpoint + " timed out");
      return;
    }
    response
        .headers()
        .map()
        .forEach(
            (header, values) -> {
              if (!NOT_FORWARDED.contains(header.toLowerCase()) && !header.startsWith(":")) {
                exchange.getResponseHeaders().put(header, values);
              }
            });
    long length = response.headers().firstValueAsLong("content-length").orElse(-2);
    int status = response.statusCode();
    boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304;
    exchange.sendResponseHeaders(status, noBody || length == 0 ? -1 : length < 0 ? 0 : length);
    try (InputStream in = response.body()) {
      in.transferTo(exchange.getResponseBody());
    }
  }

  private static HttpRequest.BodyPublisher body(HttpExchange exchange) {
    var headers = exchange.getRequestHeaders();
    String length = headers.getFirst("Content-Length");
    if (length != null) {
      long n = Long.parseLong(length.trim());
      return n == 0
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), n);
    }
    return headers.containsKey("Transfer-Encoding")
        ? HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody)
        : HttpRequest.BodyPublishers.noBody();
  }

  private static void reply(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
