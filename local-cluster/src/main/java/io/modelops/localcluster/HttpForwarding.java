package io.modelops.localcluster;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Forwards one request the JDK HttpServer received to a backend with java.net.http, streaming both
 * bodies: hop-by-hop headers stay behind, {@code X-Forwarded-Host}/{@code -For} are added, the
 * backend's status, headers and body length (or chunking) are passed on.
 */
final class HttpForwarding {

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

  private HttpForwarding() {}

  /** Sends the request to {@code endpoint} and streams the response back. */
  static void forward(HttpClient http, HttpExchange exchange, InetSocketAddress endpoint)
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

  /** A plain-text answer of the proxy itself. */
  static void reply(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
