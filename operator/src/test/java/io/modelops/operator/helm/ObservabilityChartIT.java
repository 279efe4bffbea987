package io.modelops.operator.helm;

import static io.modelops.operator.helm.HelmChartTest.at;
import static io.modelops.operator.helm.HelmChartTest.ofKind;
import static io.modelops.operator.helm.HelmChartTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.localcluster.ControlPlaneBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chart's PrometheusRule and Grafana dashboard with the real {@code promtool} (built from the
 * Prometheus Go module by local-cluster/build.sh): the rules pass {@code check rules} and the unit
 * tests in {@code prometheus/alerts-test.yaml}; every dashboard expression parses.
 */
class ObservabilityChartIT {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Output of one promtool run; fails the test with its output on a non-zero exit. */
  static String promtool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ControlPlaneBinaries.load().binary("promtool").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish:\n" + output);
    }
    assertEquals(0, process.exitValue(), String.join(" ", args) + "\n" + output);
    return output;
  }

  /** The rule groups of the rendered PrometheusRule as a Prometheus rules file. */
  static Map<String, Object> renderedRules() throws IOException {
    var rules = ofKind(render(Map.of("alerts.enabled", true)), "PrometheusRule");
    assertEquals(1, rules.size());
    return Map.of("groups", at(rules.get(0), "spec", "groups"));
  }

  /** The panels of every dashboard in the rendered ConfigMap, in order. */
  static List<JsonNode> dashboardPanels() throws IOException {
    var maps = ofKind(render(Map.of("dashboards.enabled", true)), "ConfigMap");
    assertEquals(1, maps.size());
    Map<String, String> data = at(maps.get(0), "data");
    List<JsonNode> panels = new ArrayList<>();
    for (String json : data.values()) {
      JSON.readTree(json).get("panels").forEach(panels::add);
    }
    return panels;
  }

  /** A panel target's PromQL with the Grafana variables given sample values. */
  static String expression(JsonNode target) {
    return target
        .get("expr")
        .asText()
        .replace("$__rate_interval", "5m")
        .replace("$__range", "1d")
        .replace("$namespace", "search")
        .replace("$modeldeployment", "ctr");
  }

  /** Every PromQL expression of the rendered dashboard, Grafana variables given sample values. */
  static List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboardPanels()) {
      for (JsonNode target : panel.path("targets")) {
        expressions.add(expression(target));
      }
    }
    return expressions;
  }

  /** The unit tests: hours-long cases at 1m, days-long ones at 4m (evaluation cost). */
  static final List<String> TEST_FILES = List.of("alerts-test.yaml", "alerts-test-long.yaml");

  @Test
  void alertRulesPassPromtoolCheckAndEveryUnitTest() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "promtool-");
    HelmChartTest.YAML.writeValue(dir.resolve("rules.yaml").toFile(), renderedRules());
    for (String file : TEST_FILES) {
      try (InputStream tests = getClass().getResourceAsStream("/prometheus/" + file)) {
        Files.copy(tests, dir.resolve(file));
      }
    }
    promtool(dir, "check", "rules", "rules.yaml");
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    args.addAll(TEST_FILES);
    String output = promtool(dir, args.toArray(String[]::new));
    assertFalse(output.contains("FAILED"), output);
    for (String file : TEST_FILES) {
      assertTrue(
          output.contains("Processing test file: " + file),
          "promtool ran " + file + ":\n" + output);
    }
  }

  @Test
  void everyAlertHasAFiringAndAQuietUnitTest() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String file : TEST_FILES) {
      try (InputStream in = getClass().getResourceAsStream("/prometheus/" + file)) {
        all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    String tests = all.toString();
    for (String alert : alertNames()) {
      var blocks = tests.split("alertname: " + alert + "\n", -1);
      assertFalse(blocks.length < 2, alert + " has no unit test");
      boolean fires = false;
      boolean quiet = false;
      for (int i = 1; i < blocks.length; i++) {
        String next = blocks[i].strip();
        quiet |= next.startsWith("exp_alerts: []");
        fires |= next.startsWith("exp_alerts:\n");
      }
      assertTrue(fires, alert + " is never tested firing");
      assertTrue(quiet, alert + " is never tested quiet");
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> alertNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) renderedRules().get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        if (rule.containsKey("alert")) {
          names.add((String) rule.get("alert"));
        }
      }
    }
    return names;
  }

  @Test
  void everyDashboardExpressionParses() throws Exception {
    var expressions = dashboardExpressions();
    assertFalse(expressions.isEmpty());
    List<Map<String, Object>> rules = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("record", "dashboard:panel_expression:" + i);
      rule.put("expr", expressions.get(i));
      rules.add(rule);
    }
    Path dir = Files.createTempDirectory(Path.of("target"), "promtool-");
    HelmChartTest.YAML.writeValue(
        dir.resolve("dashboard.yaml").toFile(),
        Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));
    String output = promtool(dir, "check", "rules", "dashboard.yaml");
    assertFalse(output.contains("FAILED"), output);
  }

  /** The panels between the row titled {@code title} and the next row. */
  static List<JsonNode> rowPanels(String title) throws IOException {
    List<JsonNode> row = null;
    for (JsonNode panel : dashboardPanels()) {
      boolean isRow = "row".equals(panel.path("type").asText());
      if (row != null && isRow) {
        break;
      }
      if (row != null) {
        row.add(panel);
      } else if (isRow && title.equals(panel.path("title").asText())) {
        row = new ArrayList<>();
      }
    }
    assertTrue(row != null && !row.isEmpty(), "no panels in a row titled " + title);
    return row;
  }

  /**
   * The "Model inputs" row computes what its panels say: each query runs as a recording rule {@code
   * dashboard:panel_<id>_<refId>} against the series in {@code
   * prometheus/dashboard-inputs-test.yaml}, which has a case for every one of them.
   */
  @Test
  void modelInputsPanelsComputeWhatTheySay() throws Exception {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (JsonNode panel : rowPanels("Model inputs")) {
      for (JsonNode target : panel.path("targets")) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put(
            "record",
            "dashboard:panel_" + panel.get("id").asInt() + "_" + target.get("refId").asText());
        rule.put("expr", expression(target));
        rules.add(rule);
      }
    }
    String file = "dashboard-inputs-test.yaml";
    Path dir = Files.createTempDirectory(Path.of("target"), "promtool-");
    String tests;
    try (InputStream in = getClass().getResourceAsStream("/prometheus/" + file)) {
      tests = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve(file), tests);
    for (Map<String, Object> rule : rules) {
      assertTrue(
          tests.contains("- expr: " + rule.get("record") + "\n"),
          rule.get("record") + " has no case");
    }
    HelmChartTest.YAML.writeValue(
        dir.resolve("dashboard-inputs.yaml").toFile(),
        Map.of("groups", List.of(Map.of("name", "dashboard-inputs", "rules", rules))));
    String output = promtool(dir, "test", "rules", file);
    assertFalse(output.contains("FAILED"), output);
  }

  /** Both PSI panels draw the usual reading: 0.1 (moderate shift) and 0.25 (major shift). */
  @Test
  void psiPanelsMarkTheUsualThresholds() throws IOException {
    int psiPanels = 0;
    for (JsonNode panel : rowPanels("Model inputs")) {
      if (panel.get("title").asText().contains("PSI")) {
        psiPanels++;
        List<Double> steps = new ArrayList<>();
        panel
            .at("/fieldConfig/defaults/thresholds/steps")
            .forEach(s -> steps.add(s.get("value").isNull() ? null : s.get("value").asDouble()));
        String title = panel.get("title").asText();
        assertEquals(Arrays.asList(null, 0.1, 0.25), steps, title);
        String style = panel.at("/fieldConfig/defaults/custom/thresholdsStyle/mode").asText("off");
        assertFalse("off".equals(style), title + " does not draw its thresholds");
      }
    }
    assertEquals(2, psiPanels);
  }
}
