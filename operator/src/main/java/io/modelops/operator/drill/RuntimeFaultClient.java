package io.modelops.operator.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.FaultType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The runtime's fault admin API ({@code /admin/faults}, docs/runtime.md) as the Native engine calls
 * it on one pod: bearer token, bounded by a connect and a request timeout. The token is never put
 * into a message or a log line.
 */
final class RuntimeFaultClient {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** The runtime's name of a runtime fault type. */
  static String apiName(FaultType type) {
    return switch (type) {
      case RuntimeLatency -> "latency";
      case RuntimeErrors -> "errorRatio";
      case RuntimeUnready -> "unready";
      default -> throw new IllegalArgumentException(type + " is not a runtime fault");
    };
  }

  /**
   * The body of {@code POST /admin/faults}: the type, its parameter, and {@code duration} (whole
   * milliseconds, rounded up), after which the runtime drops the fault by itself.
   */
  static String body(DrillFault fault, Duration hold) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", apiName(fault.getType()));
    long millis = Math.max(1, hold.toMillis() + (hold.toNanosPart() % 1_000_000 == 0 ? 0 : 1));
    body.put("duration", millis + "ms");
    switch (fault.getType()) {
      case RuntimeLatency -> body.put("latency", fault.getLatency());
      case RuntimeErrors -> body.put("ratio", fault.getErrorRatio());
      default -> {}
    }
    return body.toString();
  }

  /** Sets the fault on the pod at {@code base}; fails unless the runtime accepted it. */
  void inject(String base, String token, String body) {
    HttpRequest request =
        request(base + "/admin/faults", token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "runtime admin API at "
              + base
              + " answered HTTP "
              + response.statusCode()
              + ": "
              + error(response));
    }
  }

  /**
   * Clears the fault of {@code type} on the pod at {@code base}. Nothing listening there (the
   * runtime restarted or the pod went away) counts as cleared: a runtime starts with no faults.
   */
  void clear(String base, String token, FaultType type) {
    HttpRequest request = request(base + "/admin/faults/" + apiName(type), token).DELETE().build();
    HttpResponse<String> response;
    try {
      response = send(request);
    } catch (Unreachable e) {
      return;
    }
    if (response.statusCode() != 200 && response.statusCode() != 404) {
      throw new IllegalStateException(
          "runtime admin API at "
              + base
              + " answered HTTP "
              + response.statusCode()
              + ": "
              + error(response));
    }
  }

  /** Whether the pod at {@code base} reports the fault active; unreachable: false. */
  boolean active(String base, String token, FaultType type) {
    HttpResponse<String> response;
    try {
      response = send(request(base + "/admin/faults", token).GET().build());
    } catch (Unreachable e) {
      return false;
    }
    if (response.statusCode() != 200) {
      return false;
    }
    try {
      for (JsonNode f : JSON.readTree(response.body()).path("faults")) {
        if (apiName(type).equals(f.path("type").asText())) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Unreachable(request.uri() + ": " + e);
    } catch (IOException e) {
      throw new IllegalStateException("runtime admin API " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + request.uri(), e);
    }
  }

  private static String error(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("error").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** Nothing accepts connections at the address. */
  static final class Unreachable extends IllegalStateException {
    Unreachable(String message) {
      super(message);
    }
  }
}
