package io.modelops.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scrape text: bucket list, the {@code code} label, canonical {@code le}, JVM/process. */
class RuntimeMetricsTest {
  private static final List<String> BUCKETS =
      List.of(
          "5e-06", "1e-05", "2.5e-05", "5e-05", "0.0001", "0.00025", "0.0005", "0.001", "0.0025",
          "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
          "+Inf");

  private final RuntimeMetrics metrics = new RuntimeMetrics("ctr", "1");

  @Test
  void everyLatencyHistogramHasTheBucketsFrom5MicrosecondsTo10Seconds() {
    metrics.modelInfo("abc", "cpu");
    metrics.request(200, 1_000_000);
    metrics.inference(20_000, 1);
    metrics.queueWait(3_000);
    metrics.overhead(7_000);
    String text = metrics.scrape();
    for (String histogram :
        List.of(
            "modelops_runtime_request_duration_seconds",
            "modelops_runtime_inference_duration_seconds",
            "modelops_runtime_queue_wait_seconds",
            "modelops_runtime_request_overhead_seconds")) {
      assertEquals(BUCKETS, bounds(text, histogram), histogram);
    }
    assertTrue(
        text.contains(
            "modelops_runtime_request_overhead_seconds_bucket{model=\"ctr\",version=\"1\",le=\"1e-05\"} 1"),
        "7 µs lands in the 10 µs bucket:\n" + text);
  }

  @Test
  void aClientErrorAndASuccessLandInDifferentDurationSeries() {
    metrics.request(200, 1_000_000);
    metrics.request(200, 2_000_000);
    metrics.request(400, 30_000);
    String text = metrics.scrape();
    assertTrue(
        text.contains(
            "modelops_runtime_request_duration_seconds_count{code=\"200\",model=\"ctr\",version=\"1\"} 2"),
        text);
    assertTrue(
        text.contains(
            "modelops_runtime_request_duration_seconds_count{code=\"400\",model=\"ctr\",version=\"1\"} 1"),
        text);
    assertTrue(
        text.contains(
            "modelops_runtime_request_duration_seconds_bucket{code=\"400\",model=\"ctr\",version=\"1\",le=\"5e-05\"} 1"),
        text);
    assertTrue(
        text.contains(
            "modelops_runtime_requests_total{model=\"ctr\",outcome=\"client_error\",status=\"400\",version=\"1\"} 1"),
        "the counter keeps its name and labels:\n" + text);
  }

  @Test
  void outputValuesKeepTheirExposition() {
    // boundaries are inclusive (0.05 and 1.0 in their own buckets); NaN is not counted; above
    // 1 and below 0 land in +Inf and the first bucket; a float such as 0.15f is a little above
    // 0.15 as a double and goes to 0.2, as it always did
    for (double v : new double[] {0.05, 0.3, 0.15f, 1.0, 1.5, -0.2, Double.NaN, 0.999}) {
      metrics.outputHistogram("score").observe(v);
    }
    List<String> lines =
        metrics
            .scrape()
            .lines()
            .filter(l -> l.startsWith("modelops_runtime_output_value"))
            .filter(l -> !l.contains("_created"))
            .toList();
    String head =
        "modelops_runtime_output_value_bucket{model=\"ctr\",output=\"score\",version=\"1\",le=";
    assertEquals(head + "\"0.05\"} 2", lines.get(0), String.join("\n", lines));
    assertEquals(head + "\"0.1\"} 2", lines.get(1));
    assertEquals(head + "\"0.2\"} 3", lines.get(3));
    assertEquals(head + "\"0.3\"} 4", lines.get(5));
    assertEquals(head + "\"0.95\"} 4", lines.get(18));
    assertEquals(head + "\"1.0\"} 6", lines.get(19));
    assertEquals(head + "\"+Inf\"} 7", lines.get(20));
    assertEquals(
        "modelops_runtime_output_value_count{model=\"ctr\",output=\"score\",version=\"1\"} 7",
        lines.get(21));
    double sum = 0.05 + 0.3 + 0.15f + 1.0 + 1.5 - 0.2 + 0.999;
    assertTrue(lines.get(22).startsWith("modelops_runtime_output_value_sum{"), lines.get(22));
    assertEquals(sum, Double.parseDouble(lines.get(22).split(" ")[1]), 1e-9);
    assertEquals(23, lines.size(), String.join("\n", lines));
  }

  @Test
  void everyLeIsCanonical() {
    metrics.modelInfo("abc", "cpu");
    metrics.request(200, 1_000);
    metrics.inference(1_000, 3);
    metrics.outputHistogram("score").observe(0.3);
    Matcher m = Pattern.compile("[{,]le=\"([^\"]*)\"").matcher(metrics.scrape());
    int n = 0;
    while (m.find()) {
      String le = m.group(1);
      assertEquals(CanonicalLe.format(le), le);
      assertFalse(le.contains("E"), le);
      n++;
    }
    assertTrue(n > 50, "bucket lines: " + n);
  }

  @Test
  void jvmAndProcessMetricsAreExported() {
    String text = metrics.scrape();
    for (String name :
        List.of(
            "jvm_memory_used_bytes{area=\"heap\"",
            "jvm_gc_",
            "jvm_threads_live_threads{",
            "jvm_classes_loaded_classes{",
            "process_cpu_usage{",
            "process_uptime_seconds{",
            "process_files_open_files{",
            "process_resident_memory_bytes{",
            "process_open_fds{")) {
      assertTrue(text.lines().anyMatch(l -> l.startsWith(name)), "missing " + name);
    }
    double rss = value(text, "process_resident_memory_bytes");
    assertTrue(rss > 1 << 20, "rss " + rss);
    assertTrue(value(text, "process_open_fds") > 0);
  }

  @Test
  void unscrapedMetricsCountRequestsButBindNoJvmOrProcessMeters() {
    RuntimeMetrics quiet = RuntimeMetrics.unscraped("ctr", "1");
    quiet.request(200, 1_000_000);
    String text = quiet.scrape();
    assertTrue(text.contains("modelops_runtime_requests_total{"), text);
    assertFalse(text.lines().anyMatch(l -> l.startsWith("jvm_") || l.startsWith("process_")), text);
  }

  @Test
  void readsVmRssInBytes() {
    assertEquals(
        123_456 * 1024.0,
        ProcessMetrics.vmRssBytes(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads: 9")));
    assertTrue(Double.isNaN(ProcessMetrics.vmRssBytes(List.of("Name:\tjava"))));
  }

  private static List<String> bounds(String text, String histogram) {
    String prefix = histogram + "_bucket{";
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.replaceAll(".*[{,]le=\"([^\"]*)\".*", "$1"))
        .distinct()
        .toList();
  }

  private static double value(String text, String name) {
    return text.lines()
        .filter(l -> l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }
}
