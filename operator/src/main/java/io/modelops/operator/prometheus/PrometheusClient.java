package io.modelops.operator.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.operator.analysis.PrometheusText;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Instant queries against a Prometheus HTTP API ({@code GET <address>/api/v1/query}), each bounded
 * by a timeout, answered as an instant vector. Thread-safe; never blocks the caller (the answer is
 * a future).
 */
public final class PrometheusClient {

  /** Per query: connecting, and the whole exchange; also sent as the query's own timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_TEXT = 300;

  private final HttpClient http;
  private final Duration timeout;

  public PrometheusClient(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public Duration timeout() {
    return timeout;
  }

  /** The URI of {@code promql} evaluated at {@code time} on the server at {@code address}. */
  public static URI queryUri(String address, String promql, Instant time, Duration timeout) {
    String base = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    return URI.create(
        base
            + "/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3).toPlainString()
            + "&timeout="
            + Math.max(1, timeout.toMillis())
            + "ms");
  }

  /**
   * The instant vector {@code promql} gives at {@code time}; completes exceptionally with a {@link
   * PrometheusQueryException} on any failure.
   */
  public CompletableFuture<List<PromSample>> query(String address, String promql, Instant time) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(queryUri(address, promql, time, timeout))
              .timeout(timeout)
              .header("Accept", "application/json")
              .GET()
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new PrometheusQueryException(
              "bad Prometheus address " + address + ": " + e.getMessage()));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new CompletionException(failure(address, error));
              }
              try {
                return parse(response.statusCode(), response.body());
              } catch (PrometheusQueryException e) {
                throw new CompletionException(e);
              }
            });
  }

  private PrometheusQueryException failure(String address, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return new PrometheusQueryException(
          "Prometheus at " + address + " did not answer within " + timeout.toMillis() + "ms",
          cause);
    }
    String what =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new PrometheusQueryException(
        "Prometheus at " + address + " could not be queried: " + what, cause);
  }

  /**
   * The instant vector of an {@code /api/v1/query} answer.
   *
   * @throws PrometheusQueryException for an HTTP status other than 200 (with Prometheus' {@code
   *     errorType} and {@code error} when the body has them), a {@code status} other than {@code
   *     success}, a result that is not a vector, or JSON that does not read as the API's
   */
  public static List<PromSample> parse(int httpStatus, String body)
      throws PrometheusQueryException {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new PrometheusQueryException(
          (httpStatus == 200 ? "Prometheus answered" : "Prometheus answered HTTP " + httpStatus)
              + " with a body that is not the API's JSON: "
              + excerpt(body));
    }
    String status = root.path("status").asText("");
    if (httpStatus != 200 || !"success".equals(status)) {
      String error = root.path("error").asText("");
      String type = root.path("errorType").asText("");
      throw new PrometheusQueryException(
          "Prometheus answered HTTP "
              + httpStatus
              + (type.isEmpty() ? "" : " " + type)
              + (error.isEmpty() ? " status " + status : ": " + excerpt(error)));
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText("");
    if (!"vector".equals(type)) {
      throw new PrometheusQueryException(
          "Prometheus answered a "
              + (type.isEmpty() ? "result without type" : type)
              + ", not a vector");
    }
    JsonNode result = data.path("result");
    if (!result.isArray()) {
      throw new PrometheusQueryException("Prometheus answered a vector without a result list");
    }
    List<PromSample> samples = new ArrayList<>();
    for (JsonNode element : result) {
      JsonNode value = element.path("value");
      if (!value.isArray() || value.size() != 2 || !value.get(1).isTextual()) {
        throw new PrometheusQueryException(
            "Prometheus answered a vector element without [time, \"value\"]: "
                + excerpt(element.toString()));
      }
      double v;
      try {
        v = PrometheusText.parseValue(value.get(1).asText());
      } catch (NumberFormatException e) {
        throw new PrometheusQueryException(
            "Prometheus answered a value that is not a number: " + value.get(1), e);
      }
      Map<String, String> labels = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = element.path("metric").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> label = it.next();
        labels.put(label.getKey(), label.getValue().asText());
      }
      samples.add(new PromSample(labels, v));
    }
    return samples;
  }

  private static String excerpt(String text) {
    if (text == null || text.isBlank()) {
      return "(empty)";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_ERROR_TEXT ? flat : flat.substring(0, MAX_ERROR_TEXT) + "…";
  }
}
