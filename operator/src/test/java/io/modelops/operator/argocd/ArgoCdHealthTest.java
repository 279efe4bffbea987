package io.modelops.operator.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs every case of each Argo CD health check ({@code health_test.yaml} next to {@code
 * health.lua}, Argo CD's own layout) through LuaJ: the test data object becomes the global {@code
 * obj}, the script's returned table is compared with the expected status and message.
 */
class ArgoCdHealthTest {

  static final Path CUSTOMIZATIONS =
      Path.of(
          "..", "helm", "modelops-operator", "argocd", "resource_customizations", "modelops.io");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Set<String> ARGO_STATUSES =
      Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");

  record Case(String kind, Path input, String status, String message) {}

  /** Every case of every kind, as health_test.yaml lists them. */
  @SuppressWarnings("unchecked")
  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> kinds = Files.list(CUSTOMIZATIONS)) {
      for (Path dir : kinds.sorted().toList()) {
        Map<String, Object> spec =
            YAML.readValue(dir.resolve("health_test.yaml").toFile(), Map.class);
        for (Map<String, Object> test : (List<Map<String, Object>>) spec.get("tests")) {
          Map<String, Object> expected = (Map<String, Object>) test.get("healthStatus");
          cases.add(
              new Case(
                  dir.getFileName().toString(),
                  dir.resolve((String) test.get("inputPath")),
                  (String) expected.get("status"),
                  (String) expected.get("message")));
        }
      }
    }
    return cases;
  }

  /** Runs {@code health.lua} of the kind on the object; returns {status, message}. */
  static List<String> evaluate(String kind, Object object) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(object));
    String script = Files.readString(CUSTOMIZATIONS.resolve(kind).resolve("health.lua"));
    LuaValue result = globals.load(script, kind + "/health.lua").call();
    return List.of(result.get("status").tojstring(), result.get("message").tojstring());
  }

  /** YAML (maps, lists, scalars as Jackson reads them) to Lua values; lists are 1-based. */
  static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(String.valueOf(k), toLua(v)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, toLua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Boolean b) {
      return LuaValue.valueOf(b);
    }
    if (value instanceof Integer || value instanceof Long) {
      return LuaValue.valueOf(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    }
    return LuaValue.valueOf(value.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyCaseGivesTheExpectedStatusAndMessage() throws IOException {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.kind() + " " + c.input().getFileName(),
                    () -> {
                      Object object = YAML.readValue(c.input().toFile(), Object.class);
                      assertEquals(List.of(c.status(), c.message()), evaluate(c.kind(), object));
                    }));
  }

  @Test
  void everyKindHasItsCasesAndEveryTestDataFileIsUsed() throws IOException {
    var cases = cases();
    assertEquals(
        Set.of("ModelDeployment", "DrillRun", "DrillSchedule"),
        cases.stream().map(Case::kind).collect(Collectors.toSet()));
    for (Case c : cases) {
      assertTrue(ARGO_STATUSES.contains(c.status()), c.toString());
      assertFalse(c.message() == null || c.message().isBlank(), c.toString());
    }
    Set<Path> used = cases.stream().map(c -> c.input().normalize()).collect(Collectors.toSet());
    try (Stream<Path> files = Files.walk(CUSTOMIZATIONS)) {
      var unused =
          files
              .filter(p -> p.getParent().getFileName().toString().equals("testdata"))
              .map(Path::normalize)
              .filter(p -> !used.contains(p))
              .toList();
      assertEquals(List.of(), unused, "test data without a case in health_test.yaml");
    }
  }

  @Test
  void modelDeploymentCoversEveryArgoCdStatusItCanGive() throws IOException {
    assertEquals(
        Set.of("Healthy", "Progressing", "Degraded", "Suspended"),
        cases().stream()
            .filter(c -> c.kind().equals("ModelDeployment"))
            .map(Case::status)
            .collect(Collectors.toSet()));
  }

  @Test
  void anObjectWithoutStatusIsProgressing() throws IOException {
    for (String kind : List.of("ModelDeployment", "DrillRun")) {
      assertEquals(
          "Progressing",
          evaluate(kind, Map.of("metadata", Map.of("name", "x", "generation", 1))).get(0));
    }
  }
}
