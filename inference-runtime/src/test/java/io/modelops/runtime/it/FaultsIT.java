package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fault hooks through the real admin API: auth, latency, error ratio, unready, expiry, clear. */
class FaultsIT {
  private static final String TOKEN = "it-token-7f3a9c";

  @Test
  void faultHooksAreGuardedBoundedAndVisible() throws Exception {
    CtrRankerModel model = CtrRankerModel.forVersion("faults-it");
    Path dir = RuntimeProcess.workDir("faults");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    try (RuntimeProcess rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME",
                    "ctr",
                    "MODEL_URI",
                    file.toString(),
                    "RUNTIME_ADMIN_ENABLED",
                    "true",
                    "RUNTIME_ADMIN_TOKEN_FILE",
                    token.toString()))
            .awaitReady()) {
      String infer = CtrRequests.json(new long[] {4}, CtrRankerModel.sampleDense(1, 4), false, "");

      assertEquals(401, admin(rt, "GET", null, null).statusCode());
      assertEquals(401, admin(rt, "GET", "wrong", null).statusCode());
      assertEquals(
          401,
          admin(rt, "POST", "wrong", "{\"type\":\"unready\",\"duration\":\"5s\"}").statusCode());
      assertTrue(rt.get("/v2/health/ready").statusCode() == 200, "unauthenticated call had effect");

      // latency
      HttpResponse<String> created =
          admin(
              rt,
              "POST",
              TOKEN,
              "{\"type\":\"latency\",\"latency\":\"300ms\",\"duration\":\"20s\"}");
      assertEquals(201, created.statusCode(), created.body());
      assertEquals(1.0, rt.metric("modelops_runtime_fault_active{model=\"ctr\",type=\"latency\""));
      long start = System.nanoTime();
      assertEquals(200, rt.post("/v2/models/ctr/infer", infer).statusCode());
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms >= 290, "latency fault not applied: " + ms + " ms");
      assertEquals(200, admin(rt, "DELETE", TOKEN, null).statusCode());
      assertEquals(0.0, rt.metric("modelops_runtime_fault_active{model=\"ctr\",type=\"latency\""));

      // error ratio 1.0 -> every inference is a 503; clearing stops it
      assertEquals(
          201,
          admin(rt, "POST", TOKEN, "{\"type\":\"errorRatio\",\"ratio\":1.0,\"duration\":\"20s\"}")
              .statusCode());
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = rt.post("/v2/models/ctr/infer", infer);
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("injected fault"), r.body());
      }
      assertTrue(
          rt.get("/metrics").body().contains("outcome=\"rejected\",status=\"503\""),
          "503s are counted");
      assertEquals(200, admin(rt, "DELETE", TOKEN, null, "/admin/faults/errorRatio").statusCode());
      assertEquals(200, rt.post("/v2/models/ctr/infer", infer).statusCode());

      // unready expires by itself
      assertEquals(
          201,
          admin(rt, "POST", TOKEN, "{\"type\":\"unready\",\"duration\":\"800ms\"}").statusCode());
      HttpResponse<String> ready = rt.get("/v2/health/ready");
      assertEquals(503, ready.statusCode());
      assertTrue(ready.body().contains("injected fault: unready"));
      assertEquals(503, rt.get("/v2/models/ctr/ready").statusCode());
      assertEquals(200, rt.get("/v2/health/live").statusCode());
      HttpResponse<String> list = admin(rt, "GET", TOKEN, null);
      assertTrue(list.body().contains("\"type\":\"unready\""), list.body());
      Thread.sleep(1000);
      assertEquals(200, rt.get("/v2/health/ready").statusCode());
      assertEquals("{\"faults\":[]}", admin(rt, "GET", TOKEN, null).body());

      HttpResponse<String> tooLong =
          admin(rt, "POST", TOKEN, "{\"type\":\"unready\",\"duration\":\"2h\"}");
      assertEquals(400, tooLong.statusCode());
      assertFalse(rt.logs().contains(TOKEN), "the token leaked into the logs");
    }
  }

  private static HttpResponse<String> admin(
      RuntimeProcess rt, String method, String token, String body) throws Exception {
    return admin(rt, method, token, body, "/admin/faults");
  }

  private static HttpResponse<String> admin(
      RuntimeProcess rt, String method, String token, String body, String path) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(rt.uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return rt.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
