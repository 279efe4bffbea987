package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ExampleModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * RUNTIME_WARMUP: the runtime sends itself synthetic requests over loopback before it reports
 * Ready, and none of them shows in its metrics or its input monitor; a client cannot use the
 * warm-up's way in.
 */
class WarmupIT {
  private static final String VERSION = ExampleModels.VERSIONS.get(0);
  private static final Path MODEL =
      Path.of("..", "examples", "models", ExampleModels.fileName(VERSION)).toAbsolutePath();
  private static final Pattern WARMED = Pattern.compile("warmed up: (\\d+) synthetic requests");

  @Test
  void warmsUpBeforeReadyAndCountsNowhere() throws Exception {
    try (RuntimeProcess rt =
        RuntimeProcess.start(
            Map.of(
                "MODEL_NAME",
                "ctr",
                "MODEL_URI",
                MODEL.toUri().toString(),
                "RUNTIME_WARMUP",
                "1500ms"))) {
      rt.awaitLog("warming up");
      String body = CtrRequests.json(new long[] {1}, CtrRankerModel.sampleDense(1, 1), false, "");
      boolean sawWarming = false;
      boolean triedWrongToken = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        HttpResponse<String> ready = rt.get("/v2/health/ready");
        if (ready.statusCode() == 200) {
          break;
        }
        if (ready.body().contains("warming up the model (RUNTIME_WARMUP 1500ms)")) {
          sawWarming = true;
          if (!triedWrongToken) {
            // a client guessing the warm-up's header gets what any client gets before Ready
            HttpResponse<String> guess = inferWithGuessedToken(rt, body);
            assertEquals(503, guess.statusCode(), guess.body());
            assertTrue(guess.body().contains("is not ready: warming up"), guess.body());
            triedWrongToken = true;
          }
        }
        Thread.sleep(20);
      }
      assertTrue(sawWarming, "readiness said it was warming up:\n" + rt.logs());
      assertTrue(triedWrongToken);
      Matcher warmed = WARMED.matcher(rt.logs());
      assertTrue(warmed.find(), rt.logs());
      int runs = Integer.parseInt(warmed.group(1));
      // JSON and binary at 1 and 64 rows, each at least once; 1.5 s of them in practice
      assertTrue(runs >= 4, "runs: " + runs);

      // none of the warm-up's requests, rows or scores in the metrics
      String metrics = rt.get("/metrics").body();
      assertEquals(
          0.0,
          rt.metric("modelops_runtime_inference_duration_seconds_count{"),
          "session runs counted");
      assertEquals(0.0, rt.metric("modelops_runtime_monitor_window_rows{"), "monitored rows");
      assertTrue(
          !metrics.contains("status=\"200\"") && !metrics.contains("code=\"200\""),
          "no answered request counted:\n" + metrics);
      assertTrue(Double.isNaN(rt.metric("modelops_runtime_output_value_count{")), metrics);
      assertEquals(
          1.0,
          rt.metric(
              "modelops_runtime_requests_total{model=\"ctr\",outcome=\"rejected\","
                  + "status=\"503\""),
          "the guess before Ready counts like any refused request");

      // once Ready the header means nothing: an ordinary request, counted
      HttpResponse<String> after = inferWithGuessedToken(rt, body);
      assertEquals(200, after.statusCode(), after.body());
      assertEquals(1.0, rt.metric("modelops_runtime_inference_duration_seconds_count{"));
      assertEquals(1.0, rt.metric("modelops_runtime_monitor_window_rows{"));
      assertEquals(1.0, rt.metric("modelops_runtime_output_value_count{"));
    }
  }

  /** An inference request that carries a warm-up header with a guessed token. */
  private static HttpResponse<String> inferWithGuessedToken(RuntimeProcess rt, String body)
      throws Exception {
    return rt.client()
        .send(
            HttpRequest.newBuilder(rt.uri("/v2/models/ctr/infer"))
                .header("Content-Type", "application/json")
                .header("modelops-warmup", "0".repeat(48))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
