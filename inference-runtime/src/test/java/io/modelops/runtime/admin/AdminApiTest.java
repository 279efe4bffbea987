package io.modelops.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.metrics.RuntimeMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminApiTest {
  private static final String TOKEN = "s3cret-token";
  private final FaultState faults = new FaultState();
  private final RuntimeMetrics metrics = new RuntimeMetrics("m", "1");
  private final AdminApi api = new AdminApi(faults, TOKEN, Duration.ofMinutes(10), metrics);

  private AdminApi.Result call(String method, String path, String auth, String body) {
    return api.handle(method, path, auth, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void requiresTheExactBearerToken() {
    assertEquals(401, call("GET", "/admin/faults", null, "").status());
    assertEquals(401, call("GET", "/admin/faults", "Bearer wrong", "").status());
    assertEquals(401, call("GET", "/admin/faults", "Bearer " + TOKEN + "x", "").status());
    assertEquals(401, call("GET", "/admin/faults", TOKEN, "").status());
    assertEquals(401, call("GET", "/admin/faults", "Basic " + TOKEN, "").status());
    AdminApi.Result ok = call("GET", "/admin/faults", "Bearer " + TOKEN, "");
    assertEquals(200, ok.status());
    assertEquals("{\"faults\":[]}", ok.json());
    assertFalse(call("GET", "/admin/faults", "Bearer x", "").json().contains(TOKEN));
  }

  @Test
  void createsListsAndClearsFaults() {
    String auth = "Bearer " + TOKEN;
    AdminApi.Result r =
        call(
            "POST",
            "/admin/faults",
            auth,
            "{\"type\":\"latency\",\"latency\":\"50ms\",\"duration\":\"30s\"}");
    assertEquals(201, r.status(), r.json());
    assertTrue(r.json().contains("\"type\":\"latency\""), r.json());
    assertTrue(r.json().contains("\"latency\":\"50ms\""), r.json());
    assertEquals(Duration.ofMillis(50), faults.latency());
    r =
        call(
            "POST",
            "/admin/faults",
            auth,
            "{\"type\":\"errorRatio\",\"ratio\":0.25,\"duration\":\"1m\"}");
    assertEquals(201, r.status(), r.json());
    r = call("POST", "/admin/faults", auth, "{\"type\":\"unready\",\"duration\":\"10s\"}");
    assertEquals(201, r.status(), r.json());
    assertTrue(faults.unready());
    assertEquals(3, faults.active().size());
    assertEquals(200, call("DELETE", "/admin/faults/unready", auth, "").status());
    assertFalse(faults.unready());
    assertEquals(2, faults.active().size());
    assertEquals(200, call("DELETE", "/admin/faults", auth, "").status());
    assertTrue(faults.active().isEmpty());
    assertTrue(metrics.scrape().contains("modelops_runtime_fault_injections_total"));
  }

  @Test
  void rejectsBadFaultsWithMessages() {
    String auth = "Bearer " + TOKEN;
    assertBad(auth, "{\"duration\":\"10s\"}", "'type' is required");
    assertBad(auth, "{\"type\":\"chaos\",\"duration\":\"10s\"}", "unknown fault type 'chaos'");
    assertBad(auth, "{\"type\":\"unready\"}", "'duration' is required");
    assertBad(auth, "{\"type\":\"unready\",\"duration\":\"2h\"}", "<= 10m");
    assertBad(auth, "{\"type\":\"unready\",\"duration\":\"soon\"}", "invalid duration");
    assertBad(auth, "{\"type\":\"latency\",\"duration\":\"10s\"}", "'latency' is required");
    assertBad(auth, "{\"type\":\"errorRatio\",\"duration\":\"10s\",\"ratio\":1.5}", "(0, 1]");
    assertBad(auth, "{\"type\":\"errorRatio\",\"duration\":\"10s\"}", "'ratio' is required");
    assertBad(auth, "not json", "malformed JSON");
    assertBad(auth, "", "must be a JSON object");
    assertEquals(405, call("PUT", "/admin/faults", auth, "").status());
    assertEquals(404, call("DELETE", "/admin/faults/nope", auth, "").status());
    assertTrue(faults.active().isEmpty());
  }

  private void assertBad(String auth, String body, String expected) {
    AdminApi.Result r = call("POST", "/admin/faults", auth, body);
    assertEquals(400, r.status(), r.json());
    assertTrue(r.json().contains(expected), r.json());
  }
}
