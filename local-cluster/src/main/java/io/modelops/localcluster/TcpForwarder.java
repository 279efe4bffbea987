package io.modelops.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Service port's listener on 127.0.0.1: each accepted connection goes to the first backend, in
 * the order {@code backends} gives (round robin), that accepts it; none ready or none accepting
 * closes the client at once. Bytes are copied by a thread per direction, half-closes passed on.
 */
final class TcpForwarder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcpForwarder.class);
  private static final int CONNECT_TIMEOUT_MS = 2_000;

  private final String name;
  private final ServerSocket server;
  private final Supplier<List<InetSocketAddress>> backends;
  private final ExecutorService pumps;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private TcpForwarder(
      String name,
      ServerSocket server,
      Supplier<List<InetSocketAddress>> backends,
      ExecutorService pumps) {
    this.name = name;
    this.server = server;
    this.backends = backends;
    this.pumps = pumps;
  }

  /** Listens on a free loopback port and starts accepting. */
  static TcpForwarder open(
      String name, Supplier<List<InetSocketAddress>> backends, ExecutorService pumps)
      throws IOException {
    var server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    var forwarder = new TcpForwarder(name, server, backends, pumps);
    ProxyThreads.start("service-proxy-accept-" + name, forwarder::acceptLoop);
    return forwarder;
  }

  /** The local address clients connect to. */
  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        try {
          pumps.execute(() -> connect(client));
        } catch (RejectedExecutionException e) {
          LOG.warn("{}: too many connections, refusing one", name);
          closeQuietly(client);
        }
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("{}: accept failed: {}", name, e.toString());
        }
      }
    }
  }

  private void connect(Socket client) {
    open.add(client);
    for (InetSocketAddress backend : backends.get()) {
      var upstream = new Socket();
      try {
        // A relay must not add Nagle delays to writes the client meant to send at once.
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        upstream.connect(backend, CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        LOG.debug("{}: {} refused ({}), trying the next endpoint", name, backend, e.toString());
        closeQuietly(upstream);
        continue;
      }
      open.add(upstream);
      var finished = new AtomicInteger();
      try {
        pumps.execute(() -> pump(upstream, client, finished));
      } catch (RejectedExecutionException e) {
        LOG.warn("{}: too many connections, closing one", name);
        finish(client, upstream);
        return;
      }
      pump(client, upstream, finished);
      return;
    }
    LOG.debug("{}: no ready endpoint accepted, closing the client", name);
    finish(client, null);
  }

  /** Copies until end of stream, then half-closes {@code to}; the second to end closes both. */
  private void pump(Socket from, Socket to, AtomicInteger finished) {
    try {
      // Not closed here: closing a socket's stream closes the socket, both directions.
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      finished.set(1); // a reset or a close: end both directions now
    }
    if (finished.incrementAndGet() >= 2) {
      finish(from, to);
    }
  }

  private void finish(Socket a, Socket b) {
    for (Socket s : new Socket[] {a, b}) {
      if (s != null) {
        open.remove(s);
        closeQuietly(s);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Stops listening and closes every connection it forwards. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("{}: close failed: {}", name, e.toString());
    }
    open.forEach(TcpForwarder::closeQuietly);
    open.clear();
  }
}
