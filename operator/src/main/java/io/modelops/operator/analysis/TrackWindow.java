package io.modelops.operator.analysis;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one track (canary or stable) did over one analysis interval, as the checks read it.
 *
 * @param pods pods whose scrapes cover the interval
 * @param elapsed length of the interval
 * @param requests inference requests answered, every status
 * @param status5xx requests answered with a 5xx status, 503 included (the runtime files 503 under
 *     {@code outcome="rejected"}, but a canary shedding load or failing under a fault must fail the
 *     error check)
 * @param successLatency delta of {@code modelops_runtime_request_duration_seconds} of the 2xx
 *     answers only (a fast error must not make latency look better; errors have their own check);
 *     every answer's when the runtime's histogram has no {@code code} label (older runtimes)
 * @param outputs delta of {@code modelops_runtime_output_value} per {@code output} label
 */
public record TrackWindow(
    int pods,
    Duration elapsed,
    double requests,
    double status5xx,
    Histogram successLatency,
    Map<String, Histogram> outputs) {

  static final String REQUESTS = "modelops_runtime_requests_total";
  static final String REQUEST_DURATION = "modelops_runtime_request_duration_seconds";
  static final String OUTPUT_VALUE = "modelops_runtime_output_value";

  public TrackWindow {
    outputs = Map.copyOf(outputs);
  }

  /** A track with no pod scraped over the interval. */
  public static TrackWindow empty(Duration elapsed) {
    return new TrackWindow(0, elapsed, 0, 0, Histogram.empty(), Map.of());
  }

  /** The figures of {@code interval}, which lasted {@code elapsed}. */
  public static TrackWindow of(ScrapeInterval interval, Duration elapsed) {
    Histogram latency = Histogram.empty();
    TreeSet<String> codes = labelValues(interval, REQUEST_DURATION + "_bucket", "code");
    for (String code : codes) {
      if (code.startsWith("2")) {
        latency = latency.plus(interval.histogram(REQUEST_DURATION, Map.of("code", code)));
      }
    }
    if (codes.isEmpty()) {
      // a runtime from before the code label: every answer's latency
      latency = interval.histogram(REQUEST_DURATION, Map.of());
    }
    Map<String, Histogram> outputs = new TreeMap<>();
    for (String output : labelValues(interval, OUTPUT_VALUE + "_bucket", "output")) {
      outputs.put(output, interval.histogram(OUTPUT_VALUE, Map.of("output", output)));
    }
    return new TrackWindow(
        interval.pods().size(),
        elapsed,
        interval.counter(REQUESTS, s -> true),
        interval.counter(
            REQUESTS, s -> s.label("status") != null && s.label("status").startsWith("5")),
        latency,
        outputs);
  }

  private static TreeSet<String> labelValues(ScrapeInterval interval, String name, String label) {
    return interval.labelValues(name, label);
  }

  /** Requests per second; NaN for an interval that is not positive. */
  public double requestRate() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? requests / seconds : Double.NaN;
  }

  /** Requests per second per pod; NaN without a pod or for an interval that is not positive. */
  public double requestRatePerPod() {
    return pods > 0 ? requestRate() / pods : Double.NaN;
  }

  /** Share of requests answered with 5xx; NaN without requests. */
  public double errorRatio() {
    return requests > 0 ? status5xx / requests : Double.NaN;
  }

  /** Latency quantile of the successful requests in milliseconds; NaN without any. */
  public double latencyMs(double q) {
    return successLatency.quantile(q) * 1000;
  }
}
