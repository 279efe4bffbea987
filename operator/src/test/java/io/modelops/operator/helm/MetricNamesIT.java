package io.modelops.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.SloSpec;
import io.modelops.operator.model.RuntimeLatencyBuckets;
import io.modelops.operator.reconciler.ReconcileMetrics;
import io.modelops.operator.reconciler.SloMetrics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric name the chart's alerts and dashboard use is one a running runtime or the operator
 * exposes: the packaged runtime ({@code inference-runtime/target/inference-runtime.jar}, build it
 * with {@code ./mvnw -pl inference-runtime package -DskipTests}) serves the example model and is
 * scraped after good, invalid and NaN requests; the operator's {@link ReconcileMetrics} write to a
 * Prometheus registry after a reconcile that succeeds and one that throws, and its {@link
 * SloMetrics} the objectives of a ModelDeployment with {@code spec.slo}. Names other branches add
 * are listed in {@link #NOT_YET_EMITTED}; any other unknown name fails the test.
 */
class MetricNamesIT {

  /** Names the alerts and dashboard use before the code exposing them has merged. */
  static final Map<String, String> NOT_YET_EMITTED =
      Map.of(
          "modelops_release_total", "issue 9: releases by result (label result)",
          "modelops_analysis_checks_total", "issue 9: analysis checks (labels metric, verdict)",
          "modelops_drill_runs_total", "issue 10: finished drills (label verdict)",
          "modelops_drill_last_run_timestamp_seconds", "issue 10: end of the last finished drill",
          "modelops_drill_last_rto_seconds", "issue 10: RTO of the last finished drill");

  static final Pattern NAME = Pattern.compile("\\bmodelops_[a-z0-9_]+\\b");
  static final Path MODEL = Path.of("..", "examples", "models", "ctr-ranker-2026-11-13.onnx");

  /** modelops_* names in the rendered rules and dashboard expressions. */
  static Set<String> usedNames() throws Exception {
    Set<String> used = new TreeSet<>();
    String rules = HelmChartTest.YAML.writeValueAsString(ObservabilityChartIT.renderedRules());
    for (String text :
        new String[] {rules, String.join("\n", ObservabilityChartIT.dashboardExpressions())}) {
      Matcher m = NAME.matcher(text);
      while (m.find()) {
        used.add(m.group());
      }
    }
    return used;
  }

  /** Sample names of a Prometheus text exposition. */
  static Set<String> exposed(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  static final Path RUNTIME_JAR =
      Path.of("..", "inference-runtime", "target", "inference-runtime.jar");
  static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String runtimeScrape;

  /** The runtime's /metrics after the requests, scraped once for the class (a runtime start). */
  static synchronized String runtimeScrape() throws Exception {
    if (runtimeScrape == null) {
      runtimeScrape = startRuntimeAndScrape();
    }
    return runtimeScrape;
  }

  /** Starts the packaged runtime on a free port, sends requests, returns its /metrics. */
  static String startRuntimeAndScrape() throws Exception {
    assertTrue(
        Files.isRegularFile(RUNTIME_JAR),
        RUNTIME_JAR + " is missing: ./mvnw -pl inference-runtime package -DskipTests");
    Path work = Files.createDirectories(Path.of("target", "metric-names"));
    var builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Djava.io.tmpdir=" + work.toAbsolutePath(),
                "-jar",
                RUNTIME_JAR.toString())
            .redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("MODEL_") || k.startsWith("RUNTIME_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "RUNTIME_HOST", "127.0.0.1",
                "RUNTIME_PORT", "0",
                "MODEL_NAME", "ctr-ranker",
                "MODEL_VERSION", "2026-11-13",
                "MODEL_URI", MODEL.toAbsolutePath().normalize().toUri().toString(),
                "MODEL_CACHE_DIR", work.resolve("cache").toAbsolutePath().toString()));
    Process process = builder.start();
    try {
      var reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder log = new StringBuilder();
      URI base = null;
      for (String line; base == null && (line = reader.readLine()) != null; ) {
        log.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          base = URI.create("http://127.0.0.1:" + m.group(1));
        }
      }
      assertTrue(base != null, "the runtime did not start:\n" + log);
      Thread drain = new Thread(() -> reader.lines().forEach(l -> {}));
      drain.setDaemon(true);
      drain.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (get(base, "/v2/health/ready").statusCode() != 200) {
        assertTrue(System.nanoTime() < deadline, "the runtime never became ready");
        Thread.sleep(100);
      }
      String path = "/v2/models/ctr-ranker/infer";
      String ids = "{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[7]}";
      String dense = "{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[1,8],\"data\":";
      assertEquals(
          200, post(base, path, "{\"inputs\":[" + ids + "," + dense + "[0,1,0,1,0,1,0,1]}]}"));
      assertEquals(
          400, post(base, path, "{\"inputs\":[" + ids + "," + dense + "[0,NaN,0,0,0,0,0,0]}]}"));
      assertEquals(400, post(base, path, "{\"inputs\":[" + ids + "]}"));
      return get(base, "/metrics").body();
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static HttpResponse<String> get(URI base, String path) throws Exception {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(base.resolve(path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      Thread.sleep(100);
      return get(base, path);
    }
  }

  static int post(URI base, String path, String json) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  static String operatorScrape() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var metrics = new ReconcileMetrics(registry);
    try {
      metrics.record(() -> "ok");
      metrics.record(
          () -> {
            throw new IllegalStateException("a failed reconcile");
          });
    } catch (Exception expected) {
      // counted as an error, as a failed reconcile is
    }
    var slo = new SloSpec();
    slo.setLatencyP99("50ms");
    slo.setAvailability("99.9");
    var md = new ModelDeployment();
    md.setMetadata(new ObjectMetaBuilder().withNamespace("search").withName("ctr").build());
    md.setSpec(new ModelDeploymentSpec());
    md.getSpec().setSlo(slo);
    new SloMetrics(registry).observe(md);
    return registry.scrape();
  }

  static final Pattern REQUEST_BUCKET =
      Pattern.compile("^modelops_runtime_request_duration_seconds_bucket\\{.*\\ble=\"([^\"]+)\"");

  /**
   * The operator maps spec.slo.latencyP99 to one of the runtime's request-duration buckets ({@link
   * RuntimeLatencyBuckets}); the alerts select that bucket by its le label, so the list must be the
   * runtime's, written as the runtime writes it.
   */
  @Test
  void theOperatorsLatencyBucketsAreTheRuntimes() throws Exception {
    Set<String> runtime = new TreeSet<>();
    for (String line : runtimeScrape().split("\n")) {
      Matcher m = REQUEST_BUCKET.matcher(line);
      if (m.find()) {
        runtime.add(m.group(1));
      }
    }
    Set<String> operator = new TreeSet<>();
    RuntimeLatencyBuckets.BOUNDS.forEach(b -> operator.add(b.le()));
    operator.add(RuntimeLatencyBuckets.INF);
    assertEquals(operator, runtime);
  }

  @Test
  void everyNameTheAlertsAndDashboardUseIsExposedOrListed() throws Exception {
    Set<String> exposed = new TreeSet<>(exposed(runtimeScrape()));
    exposed.addAll(exposed(operatorScrape()));
    Set<String> unknown = new TreeSet<>(usedNames());
    unknown.removeAll(exposed);
    unknown.removeAll(NOT_YET_EMITTED.keySet());
    assertEquals(
        Set.of(),
        unknown,
        "used by alerts or the dashboard, exposed by nothing; exposed: " + exposed);
    Set<String> stale = new TreeSet<>(NOT_YET_EMITTED.keySet());
    stale.retainAll(exposed);
    assertEquals(Set.of(), stale, "exposed now: remove from NOT_YET_EMITTED");
    assertTrue(usedNames().containsAll(NOT_YET_EMITTED.keySet()), "listed but unused");
  }

  /**
   * Labels Prometheus itself puts on a scraped series: the usual target labels and those the
   * chart's PodMonitor adds from the pod's labels (modeldeployment, track).
   */
  static final Set<String> TARGET_LABELS =
      Set.of(
          "namespace",
          "pod",
          "container",
          "endpoint",
          "service",
          "job",
          "instance",
          "modeldeployment",
          "track");

  static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\}\\s");
  static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*\"");
  static final Pattern SELECTOR = Pattern.compile("\\b(modelops_[a-z0-9_]+)\\{([^}]*)\\}");
  static final Pattern CLAUSE =
      Pattern.compile("\\b(?:by|on|without|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

  /** Metric name -> the label names its series carry in an exposition. */
  static Map<String, Set<String>> labelsByName(String exposition) {
    Map<String, Set<String>> labels = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Set<String> names = labels.computeIfAbsent(line.split("[{ ]", 2)[0], k -> new TreeSet<>());
      Matcher series = SERIES.matcher(line);
      if (series.find()) {
        Matcher label = LABEL.matcher(series.group(2));
        while (label.find()) {
          names.add(label.group(1));
        }
      }
    }
    return labels;
  }

  /** The expr of every rendered rule and every dashboard expression. */
  @SuppressWarnings("unchecked")
  static List<String> expressions() throws Exception {
    List<String> all = new ArrayList<>();
    var groups = (List<Map<String, Object>>) ObservabilityChartIT.renderedRules().get("groups");
    for (Map<String, Object> group : groups) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        all.add(String.valueOf(rule.get("expr")));
      }
    }
    all.addAll(ObservabilityChartIT.dashboardExpressions());
    return all;
  }

  /**
   * Every label an alert or panel selects on or groups by is one the series it reads carry in a
   * real scrape (or a target label): a {@code by (features)} would otherwise draw one empty line.
   * Grouping clauses of expressions that also read recorded series ({@code modelops:…}) or names
   * not yet exposed are not checked (their labels are not in a scrape).
   */
  @Test
  void everyLabelTheAlertsAndDashboardUseIsOnTheSeries() throws Exception {
    Map<String, Set<String>> labels = labelsByName(runtimeScrape());
    labelsByName(operatorScrape())
        .forEach((name, l) -> labels.computeIfAbsent(name, k -> new TreeSet<>()).addAll(l));
    Set<String> wrong = new TreeSet<>();
    for (String expr : expressions()) {
      Set<String> read = new TreeSet<>();
      Matcher names = NAME.matcher(expr);
      while (names.find()) {
        read.add(names.group());
      }
      boolean known =
          !expr.contains("modelops:") && read.stream().noneMatch(NOT_YET_EMITTED::containsKey);
      Set<String> carried = new TreeSet<>(TARGET_LABELS);
      read.forEach(n -> carried.addAll(labels.getOrDefault(n, Set.of())));
      Matcher selector = SELECTOR.matcher(expr);
      while (selector.find()) {
        Set<String> own = new TreeSet<>(TARGET_LABELS);
        own.addAll(labels.getOrDefault(selector.group(1), Set.of()));
        Matcher label = LABEL.matcher(selector.group(2));
        while (label.find()) {
          if (labels.containsKey(selector.group(1)) && !own.contains(label.group(1))) {
            wrong.add(selector.group(1) + " has no label " + label.group(1));
          }
        }
      }
      Matcher clause = CLAUSE.matcher(expr);
      while (known && clause.find()) {
        for (String label : clause.group(1).split(",")) {
          if (!label.isBlank() && !carried.contains(label.strip())) {
            wrong.add(read + " carry no label " + label.strip() + " (" + clause.group() + ")");
          }
        }
      }
    }
    assertTrue(
        labels.get("modelops_runtime_input_out_of_range_total").contains("side"),
        "the runtime scrape has the input monitoring series: " + labels.keySet());
    assertEquals(Set.of(), wrong, "labels no scraped series carries");
  }
}
