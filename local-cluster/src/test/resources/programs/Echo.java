import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny program the process kubelet tests run as a pod ("image" modelops-test/echo). Endpoints:
 * /env (its environment), /file?path=P (a file's content), /write?path=P (tries to write),
 * /id (uid from /proc/self/status), /ready (200 unless the file /tmp/unready exists),
 * /exit?code=N (writes a termination message and exits). Logs every request to stdout.
 */
public class Echo {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("ECHO_PORT", "8080"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
    server.createContext("/", Echo::handle);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("echo: SIGTERM, bye")));
    server.start();
    System.out.println("echo: listening on " + port + " as " + System.getProperty("user.name"));
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery();
    String arg = query == null ? "" : query.substring(query.indexOf('=') + 1);
    System.out.println("echo: " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
    int status = 200;
    String body;
    try {
      switch (path) {
        case "/env" -> {
          StringBuilder out = new StringBuilder();
          new TreeMap<>(System.getenv()).forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
          body = out.toString();
        }
        case "/file" -> body = Files.readString(Path.of(arg));
        case "/write" -> {
          Files.writeString(Path.of(arg), "x");
          body = "written";
        }
        case "/id" -> body = Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("Uid:")).findFirst().orElse("?");
        case "/ready" -> {
          status = Files.exists(Path.of("/tmp/unready")) ? 503 : 200;
          body = status == 200 ? "ready" : "not ready";
        }
        case "/unready" -> {
          Files.writeString(Path.of("/tmp/unready"), "1");
          body = "now unready";
        }
        case "/exit" -> {
          Files.writeString(Path.of("/dev/termination-log"), "echo exited with " + arg);
          System.out.println("echo: exiting with " + arg);
          System.exit(Integer.parseInt(arg));
          body = "";
        }
        default -> body = "echo " + path;
      }
    } catch (IOException | RuntimeException e) {
      status = 500;
      body = e.toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
