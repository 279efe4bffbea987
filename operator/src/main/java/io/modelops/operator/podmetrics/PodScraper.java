package io.modelops.operator.podmetrics;

import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.operator.analysis.PrometheusText;
import io.modelops.operator.analysis.Scrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the {@code /metrics} of several runtime pods at once over plain HTTP (no RBAC needed), on
 * a bounded thread pool, each with a short timeout. A pod that does not answer in time, answers
 * non-200 or with text that does not parse is left out of the answer (logged at debug): the
 * analysis then counts only the pods it could read.
 */
public final class PodScraper implements AutoCloseable {

  /** Default per-pod timeout (connect and answer). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Default number of scraping threads, shared by every ModelDeployment. */
  public static final int DEFAULT_THREADS = 4;

  private static final Logger LOG = LoggerFactory.getLogger(PodScraper.class);

  private final PodAddressResolver addresses;
  private final Duration timeout;
  private final ExecutorService pool;
  private final HttpClient http;

  public PodScraper(PodAddressResolver addresses, Duration timeout, int threads) {
    this.addresses = addresses;
    this.timeout = timeout;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "pod-metrics-scraper");
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .executor(pool)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** The scrapes of the pods that answered, keyed by pod uid (blocks up to twice the timeout). */
  public Map<String, Scrape> scrape(List<Pod> pods) {
    Map<String, CompletableFuture<Optional<Scrape>>> pending = start(pods);
    Map<String, Scrape> scrapes = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos() * 2;
    for (Map.Entry<String, CompletableFuture<Optional<Scrape>>> e : pending.entrySet()) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        e.getValue().get(left, TimeUnit.NANOSECONDS).ifPresent(s -> scrapes.put(e.getKey(), s));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception ex) {
        e.getValue().cancel(true);
        LOG.debug("scrape of pod {} did not finish: {}", e.getKey(), ex.toString());
      }
    }
    return scrapes;
  }

  /**
   * The same without blocking the caller: completes, within twice the timeout, with the scrapes of
   * the pods that answered by then, keyed by pod uid.
   */
  public CompletableFuture<Map<String, Scrape>> scrapeAsync(List<Pod> pods) {
    Map<String, CompletableFuture<Optional<Scrape>>> pending = new LinkedHashMap<>();
    start(pods)
        .forEach(
            (uid, f) ->
                pending.put(
                    uid,
                    f.completeOnTimeout(
                        Optional.empty(), timeout.toMillis() * 2, TimeUnit.MILLISECONDS)));
    return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<String, Scrape> scrapes = new LinkedHashMap<>();
              pending.forEach((uid, f) -> f.join().ifPresent(s -> scrapes.put(uid, s)));
              return scrapes;
            });
  }

  private Map<String, CompletableFuture<Optional<Scrape>>> start(List<Pod> pods) {
    Map<String, CompletableFuture<Optional<Scrape>>> pending = new LinkedHashMap<>();
    for (Pod pod : pods) {
      Optional<URI> uri = addresses.metricsUri(pod);
      if (uri.isEmpty()) {
        continue;
      }
      HttpRequest request = HttpRequest.newBuilder(uri.get()).timeout(timeout).GET().build();
      pending.put(
          pod.getMetadata().getUid(),
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenApply(response -> parse(pod, response))
              .exceptionally(e -> failed(pod, e)));
    }
    return pending;
  }

  private static Optional<Scrape> parse(Pod pod, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      LOG.debug("scrape of {} answered {}", pod.getMetadata().getName(), response.statusCode());
      return Optional.empty();
    }
    try {
      return Optional.of(PrometheusText.parse(response.body()));
    } catch (RuntimeException e) {
      LOG.debug("scrape of {} did not parse: {}", pod.getMetadata().getName(), e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<Scrape> failed(Pod pod, Throwable e) {
    LOG.debug("scrape of {} failed: {}", pod.getMetadata().getName(), e.toString());
    return Optional.empty();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
