package io.modelops.operator.prometheus;

import io.modelops.operator.model.Labels;
import io.modelops.operator.model.ModelDeploymentNames;
import java.time.Duration;

/**
 * The PromQL the {@code Prometheus} analysis source sends, one instant query per figure, each
 * answering for both tracks at once ({@code by (track)}). Pure.
 *
 * <p>The runtime series carry the target labels that the chart's runtime PodMonitor (and any scrape
 * config that relabels the same way) gives them:
 *
 * <ul>
 *   <li>{@value #NAMESPACE}: the pod's namespace (a PodMonitor adds it itself);
 *   <li>{@value #MODEL_DEPLOYMENT}: the pod label {@code app.kubernetes.io/instance}, the
 *       ModelDeployment's name;
 *   <li>{@value #TRACK}: the pod label {@code modelops.io/track}, {@code canary} or {@code stable}.
 * </ul>
 *
 * Counters become increases over {@code [range]}, so Prometheus handles restarts (counter resets)
 * and extrapolation as it does for any dashboard.
 */
public record PromQueries(String namespace, String modelDeployment, Duration range) {

  public static final String NAMESPACE = "namespace";
  public static final String MODEL_DEPLOYMENT = "modeldeployment";
  public static final String TRACK = "track";

  static final String REQUESTS = "modelops_runtime_requests_total";
  static final String REQUEST_DURATION_BUCKET = "modelops_runtime_request_duration_seconds_bucket";
  static final String OUTPUT_VALUE_BUCKET = "modelops_runtime_output_value_bucket";

  public PromQueries {
    if (range.toMillis() < 1000) {
      throw new IllegalArgumentException("range must be at least 1s, got " + range);
    }
  }

  /** The queries of one ModelDeployment, its name made a label value as on its pods. */
  public static PromQueries of(String namespace, String name, Duration range) {
    return new PromQueries(namespace, ModelDeploymentNames.labelValue(name), range);
  }

  /** The series selector of both tracks, plus {@code extra} matchers (may be empty). */
  String selector(String extra) {
    return "{"
        + NAMESPACE
        + "=\""
        + escape(namespace)
        + "\","
        + MODEL_DEPLOYMENT
        + "=\""
        + escape(modelDeployment)
        + "\","
        + TRACK
        + "=~\""
        + Labels.TRACK_CANARY
        + "|"
        + Labels.TRACK_STABLE
        + "\""
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  /** The selector of one track as a user would type it, for messages. */
  public String trackSelector(String track) {
    return "{"
        + NAMESPACE
        + "=\""
        + namespace
        + "\","
        + MODEL_DEPLOYMENT
        + "=\""
        + modelDeployment
        + "\","
        + TRACK
        + "=\""
        + track
        + "\"}";
  }

  /** The range in PromQL's duration syntax, whole seconds rounded up. */
  public String rangeText() {
    long seconds = (range.toMillis() + 999) / 1000;
    return seconds + "s";
  }

  /** Pods (scrape targets, {@code instance}) with at least two request counter samples in range. */
  public String pods() {
    return "count by (track) (sum by (track, instance) (increase("
        + REQUESTS
        + selector("")
        + "["
        + rangeText()
        + "])))";
  }

  /** Requests answered, every status. */
  public String requests() {
    return "sum by (track) (increase(" + REQUESTS + selector("") + "[" + rangeText() + "]))";
  }

  /** Requests answered with a 5xx status, 503 included (as the PodMetrics source counts them). */
  public String status5xx() {
    return "sum by (track) (increase("
        + REQUESTS
        + selector("status=~\"5..\"")
        + "["
        + rangeText()
        + "]))";
  }

  /**
   * Latency bucket increases of the 2xx answers by {@code le} (series without a {@code code} label,
   * from older runtimes, count too: {@code code=~"2..|"} matches an absent label).
   */
  public String successLatencyBuckets() {
    return "sum by (track, le) (increase("
        + REQUEST_DURATION_BUCKET
        + selector("code=~\"2..|\"")
        + "["
        + rangeText()
        + "]))";
  }

  /** Output value bucket increases by output and {@code le}, for PSI between the tracks. */
  public String outputBuckets() {
    return "sum by (track, output, le) (increase("
        + OUTPUT_VALUE_BUCKET
        + selector("")
        + "["
        + rangeText()
        + "]))";
  }

  /**
   * What the source computes from {@link #successLatencyBuckets()}, as one query: the same
   * q-quantile Prometheus itself estimates, for comparison and dashboards.
   */
  public String latencyQuantile(double q, String track) {
    return "histogram_quantile("
        + q
        + ", sum by (le) (rate("
        + REQUEST_DURATION_BUCKET
        + trackSelector(track).replace("}", ",code=~\"2..|\"}")
        + "["
        + rangeText()
        + "])))";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
