package io.modelops.operator.prometheus;

import io.modelops.api.v1alpha1.AnalysisSource;
import io.modelops.operator.analysis.Check;
import io.modelops.operator.analysis.CheckEvaluator;
import io.modelops.operator.analysis.Checks;
import io.modelops.operator.analysis.Evaluation;
import io.modelops.operator.analysis.Histogram;
import io.modelops.operator.analysis.PrometheusText;
import io.modelops.operator.analysis.TrackWindow;
import io.modelops.operator.model.Labels;
import io.modelops.operator.podmetrics.AnalysisReports;
import io.modelops.operator.release.AnalysisRequest;
import io.modelops.operator.release.AnalysisVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Analysis source {@code Prometheus}: the same checks as {@code PodMetrics} ({@link
 * CheckEvaluator}), on figures queried from the Prometheus at {@code
 * spec.release.canary.analysis.source.address} when an interval is due.
 *
 * <p>The interval runs from {@link AnalysisRequest#intervalStart()} to now; five instant queries
 * ({@link PromQueries}), evaluated at now over that range and sent in parallel, give per track the
 * pods seen, the requests, the 5xx answers, the 2xx latency bucket increases and the output value
 * bucket increases. The p99 is then estimated from the buckets exactly as PromQL's {@code
 * histogram_quantile} does ({@link Histogram#quantile}), and PSI computed from both tracks' output
 * buckets ({@link io.modelops.operator.analysis.Psi}), so both sources judge identical figures
 * identically, relative checks included.
 *
 * <p>Never throws into the reconciler and never waits long: each query has a {@link
 * PrometheusClient#timeout() timeout} (2 s in production), and the whole batch is abandoned a
 * second after it. A failed query (unreachable, timeout, an HTTP or PromQL error, unreadable JSON)
 * makes the interval Inconclusive with the reason; so does a canary without any series in range
 * ("no data", e.g. a scrape config without the relabeling) and, by the checks' own rules, a canary
 * without traffic. Nothing is cached between intervals: an operator restart loses nothing.
 */
public final class PrometheusAnalysisSource implements io.modelops.operator.release.AnalysisSource {

  private final PrometheusClient client;

  public PrometheusAnalysisSource(PrometheusClient client) {
    this.client = client;
  }

  /** Production: 2 s per query. */
  public static PrometheusAnalysisSource create() {
    return new PrometheusAnalysisSource(new PrometheusClient(PrometheusClient.DEFAULT_TIMEOUT));
  }

  @Override
  public AnalysisVerdict verdict(AnalysisRequest request) {
    var md = request.spec().md();
    Optional<Instant> start = request.intervalStart();
    List<Check> checks = Checks.of(md.getSpec());
    if (!request.due() || start.isEmpty() || checks.isEmpty()) {
      return AnalysisVerdict.notYetDue();
    }
    Instant now = request.now();
    Duration range = Duration.between(start.get(), now);
    if (range.toMillis() < 1000) {
      range = Duration.ofSeconds(1);
    }
    String address = address(request);
    if (address == null) {
      return inconclusive(
          checks,
          now,
          range,
          "no Prometheus address: set spec.release.canary.analysis.source.address");
    }
    PromQueries queries =
        PromQueries.of(md.getMetadata().getNamespace(), md.getMetadata().getName(), range);
    Map<String, TrackWindow> windows;
    try {
      windows = fetch(address, queries, now);
    } catch (PrometheusQueryException e) {
      return inconclusive(checks, now, range, "no data: " + e.getMessage());
    }
    TrackWindow canary = windows.get(Labels.TRACK_CANARY);
    TrackWindow stable = windows.get(Labels.TRACK_STABLE);
    if (canary.pods() == 0) {
      return inconclusive(
          checks,
          now,
          range,
          "no data: Prometheus at "
              + address
              + " has no two samples of "
              + PromQueries.REQUESTS
              + queries.trackSelector(Labels.TRACK_CANARY)
              + " in the last "
              + queries.rangeText()
              + " (is the canary scraped, with the track and modeldeployment labels?)");
    }
    return AnalysisReports.verdict(
        CheckEvaluator.evaluate(checks, canary, stable), now, range, canary, stable);
  }

  private Map<String, TrackWindow> fetch(String address, PromQueries q, Instant now)
      throws PrometheusQueryException {
    List<CompletableFuture<List<PromSample>>> answers =
        List.of(
            client.query(address, q.pods(), now),
            client.query(address, q.requests(), now),
            client.query(address, q.status5xx(), now),
            client.query(address, q.successLatencyBuckets(), now),
            client.query(address, q.outputBuckets(), now));
    try {
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
          .get(client.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      return windows(
          answers.get(0).join(),
          answers.get(1).join(),
          answers.get(2).join(),
          answers.get(3).join(),
          answers.get(4).join(),
          q.range());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PrometheusQueryException p) {
        throw p;
      }
      throw new PrometheusQueryException("Prometheus query failed: " + cause, cause);
    } catch (TimeoutException e) {
      throw new PrometheusQueryException(
          "Prometheus at "
              + address
              + " did not answer within "
              + client.timeout().toMillis()
              + "ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusQueryException("interrupted while querying Prometheus", e);
    } finally {
      answers.forEach(a -> a.cancel(true));
    }
  }

  /**
   * Each track's window from the five answers (see {@link PromQueries}); samples without a track,
   * with a non-finite value, or a bucket without a readable {@code le} are left out.
   */
  static Map<String, TrackWindow> windows(
      List<PromSample> pods,
      List<PromSample> requests,
      List<PromSample> status5xx,
      List<PromSample> latencyBuckets,
      List<PromSample> outputBuckets,
      Duration range) {
    Map<String, TrackWindow> windows = new HashMap<>();
    for (String track : List.of(Labels.TRACK_CANARY, Labels.TRACK_STABLE)) {
      int podCount = (int) Math.round(value(pods, track));
      Map<String, Map<Double, Double>> outputs = new TreeMap<>();
      for (PromSample s : outputBuckets) {
        if (track.equals(s.label(PromQueries.TRACK)) && s.label("output") != null) {
          bucket(outputs.computeIfAbsent(s.label("output"), o -> new TreeMap<>()), s);
        }
      }
      Map<Double, Double> latency = new TreeMap<>();
      latencyBuckets.stream()
          .filter(s -> track.equals(s.label(PromQueries.TRACK)))
          .forEach(s -> bucket(latency, s));
      Map<String, Histogram> outputHistograms = new TreeMap<>();
      outputs.forEach((name, buckets) -> outputHistograms.put(name, histogram(buckets)));
      windows.put(
          track,
          podCount == 0
              ? TrackWindow.empty(range)
              : new TrackWindow(
                  podCount,
                  range,
                  value(requests, track),
                  value(status5xx, track),
                  histogram(latency),
                  outputHistograms));
    }
    return windows;
  }

  private static double value(List<PromSample> vector, String track) {
    return vector.stream()
        .filter(s -> track.equals(s.label(PromQueries.TRACK)) && Double.isFinite(s.value()))
        .mapToDouble(PromSample::value)
        .sum();
  }

  private static void bucket(Map<Double, Double> buckets, PromSample s) {
    String le = s.label("le");
    if (le == null || !Double.isFinite(s.value())) {
      return;
    }
    try {
      buckets.merge(PrometheusText.parseValue(le), s.value(), Double::sum);
    } catch (NumberFormatException e) {
      // not a bucket this source can use
    }
  }

  private static Histogram histogram(Map<Double, Double> buckets) {
    if (buckets.isEmpty()) {
      return Histogram.empty();
    }
    double count = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    return Histogram.of(buckets, count, 0);
  }

  private static AnalysisVerdict inconclusive(
      List<Check> checks, Instant now, Duration range, String why) {
    Evaluation evaluation = CheckEvaluator.inconclusive(checks, why);
    TrackWindow none = TrackWindow.empty(range);
    return AnalysisReports.verdict(evaluation, now, range, none, none);
  }

  private static String address(AnalysisRequest request) {
    var release = request.spec().md().getSpec().getRelease();
    if (release == null
        || release.getCanary() == null
        || release.getCanary().getAnalysis() == null) {
      return null;
    }
    AnalysisSource source = release.getCanary().getAnalysis().getSource();
    return source == null ? null : source.getAddress();
  }
}
