package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.analysis.PrometheusText;
import io.modelops.operator.analysis.Scrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the target's capacity ({@link ProbeRate#capacity}) by reading each ready pod's {@code
 * /metrics} on its {@code http} port, as the prober reaches the pods: all pods at once, {@value
 * #TIMEOUT_SECONDS} s in all. A pod that does not answer, or answers something else than metrics,
 * is left out; none left: no figure (the probe then sends at the floor rate).
 */
final class CapacityMeter {

  private static final Logger LOG = LoggerFactory.getLogger(CapacityMeter.class);
  static final int TIMEOUT_SECONDS = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private final Function<Pod, String> address;

  CapacityMeter(Function<Pod, String> address) {
    this.address = address;
  }

  OptionalDouble measure(List<Pod> pods) {
    List<CompletableFuture<Scrape>> answers = new ArrayList<>();
    for (Pod pod : pods) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(address.apply(pod) + "/metrics"))
              .timeout(TIMEOUT)
              .GET()
              .build();
      answers.add(
          HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenApply(r -> r.statusCode() == 200 ? PrometheusText.parse(r.body()) : null)
              .exceptionally(e -> null));
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<Scrape> scrapes = new ArrayList<>();
    for (CompletableFuture<Scrape> answer : answers) {
      try {
        Scrape s = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (s != null) {
          scrapes.add(s);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        answer.cancel(true);
        LOG.debug("capacity: a pod's metrics did not come: {}", e.toString());
      }
    }
    return ProbeRate.capacity(scrapes);
  }
}
