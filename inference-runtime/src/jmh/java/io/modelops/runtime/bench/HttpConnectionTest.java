package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

  @Test
  void reusesOneConnectionForManyRequestsAndReadsFixedAndChunkedBodies() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger connections = new AtomicInteger();
    server.createContext(
        "/echo",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          boolean chunked = exchange.getRequestURI().getQuery() != null;
          exchange.getResponseHeaders().add("X-Remote", exchange.getRemoteAddress().toString());
          exchange.sendResponseHeaders(201, chunked ? 0 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    String hostPort = "127.0.0.1:" + server.getAddress().getPort();
    try (HttpConnection c = new HttpConnection("127.0.0.1", server.getAddress().getPort())) {
      String remote = null;
      for (int i = 0; i < 20; i++) {
        byte[] body = ("payload " + i).getBytes(StandardCharsets.UTF_8);
        String path = i % 2 == 0 ? "/echo" : "/echo?chunked";
        HttpConnection.Response r =
            c.exchange(HttpConnection.request("POST", hostPort, path, Map.of("X-A", "b"), body));
        assertEquals(201, r.status());
        assertEquals("payload " + i, r.bodyText());
        if (remote == null) {
          remote = r.header("X-Remote");
          connections.incrementAndGet();
        }
        assertEquals(remote, r.header("x-remote"), "keep-alive: same client socket");
      }
    } finally {
      server.stop(0);
    }
    assertEquals(1, connections.get());
  }
}
