package io.modelops.localcluster.kubelet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The one kubelet endpoint {@code kubectl logs} needs: the API server proxies {@code GET
 * /containerLogs/<namespace>/<pod>/<container>} to the port a Node advertises in {@code
 * status.daemonEndpoints.kubeletEndpoint}. Serves HTTPS with a self-signed certificate (the API
 * server, started without {@code --kubelet-certificate-authority}, does not verify it), {@code
 * tailLines}, {@code limitBytes}, {@code previous} and {@code follow}.
 */
final class LogServer implements AutoCloseable {

  private final List<HttpsServer> servers = new ArrayList<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kubelet-logs");
            t.setDaemon(true);
            return t;
          });
  private final BiFunction<String, String, Optional<Path>> podDirs;
  private final int port;
  private volatile boolean closed;

  private LogServer(BiFunction<String, String, Optional<Path>> podDirs, int port) {
    this.podDirs = podDirs;
    this.port = port;
  }

  /**
   * Serves logs on {@code port} of each of {@code addresses}; {@code podDirs} finds a pod's folder
   * by namespace and name.
   */
  static LogServer start(
      List<String> addresses,
      int port,
      Path workDir,
      BiFunction<String, String, Optional<Path>> podDirs) {
    var server = new LogServer(podDirs, port);
    try {
      SSLContext tls = tls(workDir, addresses);
      for (String address : addresses) {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(address, port), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/containerLogs/", server::handle);
        https.createContext("/healthz", e -> respond(e, 200, "ok"));
        https.setExecutor(server.threads);
        https.start();
        server.servers.add(https);
      }
      return server;
    } catch (IOException | java.security.GeneralSecurityException e) {
      server.close();
      throw new IllegalStateException("kubelet log endpoint: " + e.getMessage(), e);
    }
  }

  int port() {
    return port;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      // "", "containerLogs", namespace, pod, container
      if (parts.length != 5) {
        respond(exchange, 400, "expected /containerLogs/<namespace>/<pod>/<container>");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Optional<Path> dir = podDirs.apply(parts[2], parts[3]);
      if (dir.isEmpty()) {
        respond(exchange, 404, "pod " + parts[2] + "/" + parts[3] + " does not run on this node");
        return;
      }
      List<Path> runs = runs(dir.get().resolve("logs").resolve(parts[4]));
      boolean previous = "true".equals(query.get("previous"));
      int index = runs.size() - (previous ? 2 : 1);
      if (index < 0) {
        respond(
            exchange,
            400,
            previous
                ? "previous terminated container \""
                    + parts[4]
                    + "\" in pod \""
                    + parts[3]
                    + "\" not found"
                : "container \"" + parts[4] + "\" in pod \"" + parts[3] + "\" has not started");
        return;
      }
      Path log = runs.get(index);
      byte[] content = Files.readAllBytes(log);
      content = tail(content, query.get("tailLines"));
      if (query.containsKey("limitBytes")) {
        int limit = Integer.parseInt(query.get("limitBytes"));
        if (content.length > limit) {
          content = java.util.Arrays.copyOf(content, limit);
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      boolean follow = "true".equals(query.get("follow")) && !previous;
      exchange.sendResponseHeaders(200, follow ? 0 : content.length);
      OutputStream out = exchange.getResponseBody();
      out.write(content);
      out.flush();
      if (follow) {
        follow(log, Files.size(log), out);
      }
    } catch (NumberFormatException e) {
      respond(exchange, 400, "bad number: " + e.getMessage());
    }
  }

  /** Streams what is appended to {@code log} until the client goes away or the server stops. */
  private void follow(Path log, long from, OutputStream out) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long position = from;
      byte[] buffer = new byte[8192];
      while (!closed && Files.exists(log)) {
        file.seek(position);
        int n = file.read(buffer);
        if (n > 0) {
          out.write(buffer, 0, n);
          out.flush();
          position += n;
        } else {
          Thread.sleep(200);
        }
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Path> runs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("[0-9]+\\.log"))
          .sorted(
              Comparator.comparingInt(
                  p -> Integer.parseInt(p.getFileName().toString().replace(".log", ""))))
          .toList();
    }
  }

  static byte[] tail(byte[] content, String tailLines) {
    if (tailLines == null) {
      return content;
    }
    int wanted = Integer.parseInt(tailLines);
    int end = content.length;
    if (end > 0 && content[end - 1] == '\n') {
      end--;
    }
    int lines = 0;
    int i = end;
    while (i > 0) {
      if (content[i - 1] == '\n') {
        lines++;
        if (lines == wanted) {
          break;
        }
      }
      i--;
    }
    if (wanted <= 0) {
      return new byte[0];
    }
    return java.util.Arrays.copyOfRange(content, i, content.length);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.put(key, value);
      }
    }
    return query;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** A self-signed certificate for the node addresses, made with the JDK's keytool. */
  private static SSLContext tls(Path workDir, List<String> addresses)
      throws IOException, java.security.GeneralSecurityException {
    Files.createDirectories(workDir);
    Path store = workDir.resolve("kubelet-serving.p12");
    Files.deleteIfExists(store);
    char[] password = "modelops-kubelet".toCharArray();
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    StringBuilder san = new StringBuilder("SAN=dns:localhost");
    addresses.forEach(a -> san.append(",ip:").append(a));
    Commands.run(
        keytool,
        "-genkeypair",
        "-alias",
        "kubelet",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=modelops-process-kubelet",
        "-validity",
        "365",
        "-ext",
        san.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        new String(password),
        "-keypass",
        new String(password));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password);
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  @Override
  public void close() {
    closed = true;
    servers.forEach(s -> s.stop(0));
    threads.shutdownNow();
  }
}
