package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long loop of bad requests (and good ones of changing shapes) must not grow the resident memory:
 * no leaked native tensors, buffers or sessions.
 */
class LeakIT {
  private static final int ROUNDS = 300;

  @Test
  void residentMemoryStaysFlatUnderBadRequests() throws Exception {
    CtrRankerModel model = CtrRankerModel.forVersion("leak-it");
    Path dir = RuntimeProcess.workDir("leak");
    Path file = model.writeTo(dir.resolve("ctr.onnx"));
    try (RuntimeProcess rt =
        RuntimeProcess.start(
                Map.of("MODEL_NAME", "ctr", "MODEL_URI", file.toString()),
                "-Xmx48m",
                "-XX:MaxDirectMemorySize=32m")
            .awaitReady()) {
      List<String> bad = badRequests();
      CtrRequests.Binary bin =
          CtrRequests.binary(new long[] {1, 2}, CtrRankerModel.sampleDense(2, 1), "");
      byte[] truncated = Arrays.copyOf(bin.body(), bin.body().length - 3);
      round(rt, bad, truncated, bin.headerLength(), 0);
      for (int i = 0; i < ROUNDS / 3; i++) {
        round(rt, bad, truncated, bin.headerLength(), i);
      }
      long warm = rt.rssKb();
      for (int i = 0; i < ROUNDS; i++) {
        round(rt, bad, truncated, bin.headerLength(), i);
      }
      long end = rt.rssKb();
      long growthKb = end - warm;
      assertTrue(
          growthKb < 24 * 1024,
          "RSS grew by " + growthKb + " kB over " + ROUNDS * (bad.size() + 3) + " requests");
      assertEquals(200, rt.get("/v2/health/ready").statusCode());
    }
  }

  private static void round(
      RuntimeProcess rt, List<String> bad, byte[] truncated, int header, int i) throws Exception {
    for (String body : bad) {
      HttpResponse<String> r = rt.post("/v2/models/ctr/infer", body);
      assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
    }
    HttpResponse<byte[]> t =
        rt.postBytes(
            "/v2/models/ctr/infer",
            truncated,
            "Inference-Header-Content-Length",
            Integer.toString(header));
    assertEquals(400, t.statusCode(), new String(t.body(), StandardCharsets.UTF_8));
    // good requests with a changing number of rows: tensors are re-created, never leaked
    int rows = 1 + (i % 7) * 37;
    HttpResponse<String> ok =
        rt.post(
            "/v2/models/ctr/infer",
            CtrRequests.json(
                CtrRankerModel.sampleIds(rows, i), CtrRankerModel.sampleDense(rows, i), false, ""));
    assertEquals(200, ok.statusCode());
  }

  private static List<String> badRequests() {
    String ids = "{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1]}";
    String dense = "\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[1,8]";
    return List.of(
        "{\"inputs\":[" + ids + ",{" + dense + ",\"data\":[0,0,0,0,0,0,0]}]}",
        "{\"inputs\":[" + ids + ",{" + dense + ",\"data\":[0,0,NaN,0,0,0,0,0]}]}",
        "{\"inputs\":[" + ids + ",{" + dense + ",\"data\":[0,0,\"a\",0,0,0,0,0]}]}",
        "{\"inputs\":[" + ids + "]}",
        "{\"inputs\":["
            + ids
            + ",{\"name\":\"dense\",\"datatype\":\"FP64\",\"shape\":[1,8],\"data\":[0,0,0,0,0,0,0,0]}]}",
        "{\"inputs\":["
            + ids
            + ",{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[1,9],\"data\":[0,0,0,0,0,0,0,0,0]}]}",
        "{\"inputs\":[{\"name\":\"zzz\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[0]}]}",
        "{\"inputs\":[" + ids + ",{" + dense);
  }
}
