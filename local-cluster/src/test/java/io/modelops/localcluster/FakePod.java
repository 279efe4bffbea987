package io.modelops.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in pod for the proxy tests while no kubelet runs processes: a network namespace {@code
 * modelops-t-<id>} with a veth pair (host side {@code modelops-t-<id>}, pod side {@code eth0}), an
 * address from 10.244.250.0/24 routed from the host, and optionally a tiny HTTP server in it that
 * answers with the pod's name. Needs root and iproute2; {@link #close()} removes all of it.
 */
final class FakePod implements AutoCloseable {

  static final int PORT = 8080;

  final String name;
  final String ip;
  private final String netns;
  private Process server;

  private FakePod(String name, String netns, String ip) {
    this.name = name;
    this.netns = netns;
    this.ip = ip;
  }

  /** Whether the tests can make network namespaces: root and {@code ip} on the PATH. */
  static boolean supported() {
    try {
      return "root".equals(System.getProperty("user.name"))
          && new ProcessBuilder("ip", "-V").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Creates namespace and link {@code modelops-t-<id>} ({@code id}: 4 characters, link names are at
   * most 15) with address 10.244.250.{@code octet}; serves HTTP on {@link #PORT} when {@code
   * serve}.
   */
  static FakePod start(String name, String id, int octet, boolean serve) {
    String netns = "modelops-t-" + id;
    var pod = new FakePod(name, netns, "10.244.250." + octet);
    try {
      ip("netns", "add", netns);
      ip("link", "add", netns, "type", "veth", "peer", "name", "eth0", "netns", netns);
      ip("link", "set", netns, "up");
      ip("-n", netns, "link", "set", "lo", "up");
      ip("-n", netns, "addr", "add", pod.ip + "/32", "dev", "eth0");
      ip("-n", netns, "link", "set", "eth0", "up");
      ip("-n", netns, "route", "add", "default", "dev", "eth0");
      ip("route", "add", pod.ip + "/32", "dev", netns);
      if (serve) {
        pod.serve();
      }
      return pod;
    } catch (RuntimeException e) {
      pod.close();
      throw e;
    }
  }

  private void serve() {
    try {
      Path script = Files.createTempFile("modelops-t-fake-pod", ".py");
      try (InputStream in = FakePod.class.getResourceAsStream("/fake-pod-server.py")) {
        Files.write(script, in.readAllBytes());
      }
      script.toFile().deleteOnExit();
      server =
          new ProcessBuilder(
                  "ip", "netns", "exec", netns, "python3", script.toString(), ip, "" + PORT, name)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (var socket = new Socket()) {
        socket.connect(new InetSocketAddress(ip, PORT), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw new IllegalStateException("fake pod " + name + " did not start serving", e);
        }
        sleep(100);
      }
    }
  }

  private static void ip(String... args) {
    var command = new ArrayList<String>(List.of("ip"));
    command.addAll(List.of(args));
    try {
      var process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out.trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server and removes the route, the link and the namespace (each tried). */
  @Override
  public void close() {
    if (server != null) {
      server.descendants().forEach(ProcessHandle::destroyForcibly);
      server.destroyForcibly();
    }
    for (String[] step :
        List.of(
            new String[] {"route", "del", ip + "/32"},
            new String[] {"link", "del", netns},
            new String[] {"netns", "del", netns})) {
      try {
        ip(step);
      } catch (RuntimeException e) {
        // already gone, or never made
      }
    }
  }
}
