package io.modelops.runtime.model;

import io.modelops.runtime.protocol.Datatype;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Exercises a freshly loaded model before the runtime reports Ready, so that the first requests of
 * real clients do not pay for the JIT compiler and for ONNX Runtime's first runs at each shape (a
 * canary judged on its p99 would otherwise be judged on its first seconds).
 *
 * <p>Synthetic requests (zeros; one row and {@link #BATCH_ROWS} rows where the first dimension is
 * dynamic, every other dynamic dimension 1; V2 JSON and binary, answered in kind) go to the server
 * itself over loopback HTTP, so they take every step a client's request takes: the connection, the
 * HTTP codec, decoding, validation, scheduling, {@code session.run}, encoding. Each carries a
 * random per-process token ({@link #HEADER}), accepted only while the warm-up runs, that sends it
 * to a private {@link ModelService.Warming} serving path: its own metrics registry, no input
 * monitor, no quality sink. So warm-up requests count in none of the server's metrics and feed no
 * drift statistics. The variants are sent in turn until the budget has passed, each at least once.
 *
 * <p>Best effort: a model that refuses the synthetic input (an index input whose zero is out of
 * range, a graph that wants a particular shape) or a loopback that cannot be reached ends the
 * warm-up early; the runtime still becomes Ready, and the outcome says why it stopped.
 */
final class Warmup {
  /** The header that carries the warm-up token. */
  static final String HEADER = "modelops-warmup";

  /** Rows of the larger synthetic request, when the model takes any number of rows. */
  static final int BATCH_ROWS = 64;

  /**
   * What the warm-up did.
   *
   * @param runs synthetic requests answered
   * @param millis how long it took
   * @param stoppedBy why it stopped before the budget, or null when it ran its course
   */
  record Outcome(int runs, long millis, String stoppedBy) {}

  /** One synthetic request: its body and header length (-1 for JSON). */
  record Variant(byte[] body, int headerLength, long rows) {}

  private final ModelSignature signature;
  private final long maxInputBytes;

  Warmup(ModelSignature signature, long maxInputBytes) {
    this.signature = signature;
    this.maxInputBytes = maxInputBytes;
  }

  /**
   * Sends the synthetic requests to {@code server} with {@code token} until {@code budget} has
   * passed (zero: none).
   */
  Outcome run(Duration budget, InetSocketAddress server, String modelName, String token) {
    long start = System.nanoTime();
    if (budget.isZero()) {
      return new Outcome(0, 0, null);
    }
    List<Variant> variants = variants();
    if (variants.isEmpty()) {
      return new Outcome(0, 0, "no synthetic input fits RUNTIME_MAX_INPUT_BYTES");
    }
    URI uri =
        URI.create(
            "http://"
                + hostOf(server)
                + ":"
                + server.getPort()
                + "/v2/models/"
                + modelName
                + "/infer");
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long deadline = start + budget.toNanos();
    int runs = 0;
    try {
      while (runs < variants.size() || System.nanoTime() < deadline) {
        Variant v = variants.get(runs % variants.size());
        HttpRequest.Builder request =
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header(HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(v.body()));
        if (v.headerLength() >= 0) {
          request
              .header("Content-Type", "application/octet-stream")
              .header("Inference-Header-Content-Length", Integer.toString(v.headerLength()));
        } else {
          request.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> answer =
            client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
          String body = new String(answer.body(), StandardCharsets.UTF_8);
          return new Outcome(
              runs,
              elapsedMillis(start),
              "a synthetic request got HTTP "
                  + answer.statusCode()
                  + ": "
                  + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        runs++;
      }
    } catch (IOException e) {
      return new Outcome(runs, elapsedMillis(start), "loopback request failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(runs, elapsedMillis(start), "interrupted");
    }
    return new Outcome(runs, elapsedMillis(start), null);
  }

  /** The address to reach a server listening on {@code bound}: loopback for a wildcard. */
  static String hostOf(InetSocketAddress bound) {
    InetAddress address = bound.getAddress();
    if (address == null || address.isAnyLocalAddress()) {
      return "127.0.0.1";
    }
    String host = address.getHostAddress();
    return address instanceof java.net.Inet6Address ? "[" + host + "]" : host;
  }

  private static long elapsedMillis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** JSON and binary requests, at one row and at {@link #BATCH_ROWS} rows where possible. */
  List<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    boolean anyRows = signature.batchable();
    for (long rows : anyRows ? new long[] {1, BATCH_ROWS} : new long[] {1}) {
      if (inputBytes(rows) > maxInputBytes) {
        continue;
      }
      variants.add(json(rows));
      variants.add(binary(rows));
    }
    return variants;
  }

  private long[] shape(TensorSpec spec, long rows) {
    long[] shape = spec.shape().clone();
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] < 0) {
        shape[d] = d == 0 ? rows : 1;
      }
    }
    return shape;
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  private long inputBytes(long rows) {
    long bytes = 0;
    for (TensorSpec spec : signature.inputs()) {
      bytes += elements(shape(spec, rows)) * spec.datatype().byteSize();
    }
    return bytes;
  }

  private Variant json(long rows) {
    StringBuilder b = new StringBuilder("{\"id\":\"warmup\",\"inputs\":[");
    List<TensorSpec> inputs = signature.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      TensorSpec spec = inputs.get(i);
      long[] shape = shape(spec, rows);
      b.append(i == 0 ? "" : ",");
      header(b, spec, shape).append(",\"data\":[");
      String zero = spec.datatype() == Datatype.BOOL ? "false" : "0";
      long n = elements(shape);
      for (long k = 0; k < n; k++) {
        b.append(k == 0 ? "" : ",").append(zero);
      }
      b.append("]}");
    }
    b.append("]}");
    return new Variant(b.toString().getBytes(StandardCharsets.UTF_8), -1, rows);
  }

  private Variant binary(long rows) {
    StringBuilder b = new StringBuilder("{\"id\":\"warmup\",\"inputs\":[");
    List<TensorSpec> inputs = signature.inputs();
    long data = 0;
    for (int i = 0; i < inputs.size(); i++) {
      TensorSpec spec = inputs.get(i);
      long[] shape = shape(spec, rows);
      long bytes = elements(shape) * spec.datatype().byteSize();
      data += bytes;
      b.append(i == 0 ? "" : ",");
      header(b, spec, shape).append(",\"parameters\":{\"binary_data_size\":").append(bytes);
      b.append("}}");
    }
    b.append("],\"parameters\":{\"binary_data_output\":true}}");
    byte[] header = b.toString().getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[Math.toIntExact(header.length + data)];
    System.arraycopy(header, 0, body, 0, header.length);
    return new Variant(body, header.length, rows);
  }

  private static StringBuilder header(StringBuilder b, TensorSpec spec, long[] shape) {
    b.append("{\"name\":");
    quote(b, spec.name());
    b.append(",\"datatype\":\"").append(spec.datatype().name()).append("\",\"shape\":[");
    for (int d = 0; d < shape.length; d++) {
      b.append(d == 0 ? "" : ",").append(shape[d]);
    }
    return b.append(']');
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }
}
