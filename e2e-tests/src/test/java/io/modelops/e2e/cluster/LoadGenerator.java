package io.modelops.e2e.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load through a Service's local address: {@code rate} V2 inference requests a second,
 * each on its own connection (as clients behind a connection-per-request load balancer), counting
 * answers by status and failures by kind. A request that gets no HTTP answer counts as lost.
 */
final class LoadGenerator implements AutoCloseable {

  private final InetSocketAddress target;
  private final byte[] request;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService senders = Executors.newFixedThreadPool(24);
  private final AtomicLong sent = new AtomicLong();
  private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

  LoadGenerator(InetSocketAddress target, String model, String body, int rate) {
    this.target = target;
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /v2/models/"
            + model
            + "/infer HTTP/1.1\r\nHost: "
            + model
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
            + payload.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    request = new byte[headBytes.length + payload.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(payload, 0, request, headBytes.length, payload.length);
    long periodMicros = 1_000_000L / rate;
    ticker.scheduleAtFixedRate(
        () -> senders.execute(this::send), 0, periodMicros, TimeUnit.MICROSECONDS);
  }

  private void send() {
    sent.incrementAndGet();
    String outcome;
    try (Socket socket = new Socket()) {
      socket.connect(target, 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] status = in.readNBytes(12);
      String line = new String(status, StandardCharsets.US_ASCII);
      outcome = line.startsWith("HTTP/1.1 ") ? "status " + line.substring(9, 12) : "no answer";
      in.readAllBytes();
    } catch (IOException e) {
      outcome = "failed: " + e.getClass().getSimpleName();
    }
    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
  }

  long sent() {
    return sent.get();
  }

  long ok() {
    var ok = outcomes.get("status 200");
    return ok == null ? 0 : ok.get();
  }

  /** Everything but 200, by outcome. */
  Map<String, Long> failures() {
    Map<String, Long> failures = new java.util.TreeMap<>();
    outcomes.forEach(
        (k, v) -> {
          if (!"status 200".equals(k)) {
            failures.put(k, v.get());
          }
        });
    return failures;
  }

  /** Stops sending and waits for the requests in flight. */
  @Override
  public void close() throws InterruptedException {
    ticker.shutdownNow();
    senders.shutdown();
    senders.awaitTermination(30, TimeUnit.SECONDS);
  }
}
