package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import io.modelops.runtime.testmodels.ExampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input monitoring end to end: the committed example model with the profile next to it, traffic
 * from the profile's distribution, then shifted traffic; the PSI series on /metrics must rise.
 */
class MonitoringIT {
  private static final String VERSION = ExampleModels.VERSIONS.get(0);
  private static final Path MODEL =
      Path.of("..", "examples", "models", ExampleModels.fileName(VERSION)).toAbsolutePath();
  private static final String PSI0 = "modelops_runtime_input_psi{feature=\"0\",input=\"dense\"";
  private static final String PSI7 = "modelops_runtime_input_psi{feature=\"7\",input=\"dense\"";
  private static final String OUT_PSI = "modelops_runtime_output_psi{";
  private static final String ABOVE =
      "modelops_runtime_input_out_of_range_total{feature=\"0\",input=\"dense\",model=\"ctr\","
          + "side=\"above\"";
  private static final String ROWS = "modelops_runtime_monitor_window_rows{";

  @Test
  void psiRisesWhenTheInputsShift() throws Exception {
    try (RuntimeProcess rt =
        RuntimeProcess.start(Map.of("MODEL_NAME", "ctr", "MODEL_URI", MODEL.toUri().toString()))
            .awaitReady()) {
      rt.awaitLog("input monitoring on: profile");
      assertTrue(Double.isNaN(rt.metric(PSI0)), "no traffic yet: NaN");
      send(rt, 4000, 0f, 101);
      double psiIn = rt.metric(PSI0);
      double psiIn7 = rt.metric(PSI7);
      double outIn = rt.metric(OUT_PSI);
      assertEquals(4000.0, rt.metric(ROWS));
      // 4000 rows against deciles: sampling noise alone is about (bins - 1) / rows = 0.002
      assertTrue(psiIn < 0.02, "in-distribution PSI " + psiIn);
      assertTrue(psiIn7 < 0.02, "in-distribution PSI " + psiIn7);
      assertTrue(outIn < 0.02, "in-distribution output PSI " + outIn);
      assertEquals(0.0, rt.metric(ABOVE));

      send(rt, 8000, 0.6f, 202);
      double psiShift = rt.metric(PSI0);
      double outShift = rt.metric(OUT_PSI);
      assertTrue(psiShift > 0.25, "shifted PSI " + psiShift + " (was " + psiIn + ")");
      assertTrue(outShift > outIn, "output PSI " + outShift + " (was " + outIn + ")");
      assertEquals(12000.0, rt.metric(ROWS));
      // uniform [-0.4, 1.6): 30 % of 8000 rows above the training maximum (~1), give or take
      double above = rt.metric(ABOVE);
      assertTrue(above > 2000 && above < 2800, "above max: " + above);
    }
  }

  @Test
  void countsNaNWhenNonFiniteInputsAreAllowed() throws Exception {
    try (RuntimeProcess rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME",
                    "ctr",
                    "MODEL_URI",
                    MODEL.toString(),
                    "RUNTIME_ALLOW_NONFINITE",
                    "true"))
            .awaitReady()) {
      float[][] dense = CtrRankerModel.sampleDense(3, 7);
      dense[0][2] = Float.NaN;
      dense[1][2] = Float.NaN;
      dense[2][5] = Float.POSITIVE_INFINITY;
      String body = CtrRequests.json(new long[] {1, 2, 3}, dense, false, "");
      assertEquals(200, rt.post("/v2/models/ctr/infer", body).statusCode());
      assertEquals(
          2.0,
          rt.metric(
              "modelops_runtime_input_missing_total{feature=\"2\",input=\"dense\",kind=\"nan\""));
      assertEquals(
          1.0,
          rt.metric(
              "modelops_runtime_input_missing_total{feature=\"5\",input=\"dense\",kind=\"inf\""));
      assertEquals(
          0.0,
          rt.metric(
              "modelops_runtime_input_missing_total{feature=\"0\",input=\"dense\",kind=\"nan\""));
    }
  }

  @Test
  void withoutAProfileMonitoringIsOffAndSaysSo() throws Exception {
    Path dir = RuntimeProcess.workDir("monitor-off");
    Path model = Files.copy(MODEL, dir.resolve("ctr.onnx"));
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\":\"nope\"}");
    try (RuntimeProcess rt =
        RuntimeProcess.start(Map.of("MODEL_NAME", "ctr", "MODEL_URI", model.toString()))
            .awaitReady()) {
      rt.awaitLog("input monitoring off: no reference profile");
      send(rt, 10, 0f, 1);
      assertFalse(rt.get("/metrics").body().contains("modelops_runtime_input_psi"));
    }
    try (RuntimeProcess rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME",
                    "ctr",
                    "MODEL_URI",
                    model.toString(),
                    "MODEL_PROFILE",
                    broken.toString()))
            .awaitReady()) {
      rt.awaitLog("input monitoring off: cannot use the profile " + broken);
      assertEquals(200, rt.post("/v2/models/ctr/infer", request(2, 0f, 3)).statusCode());
    }
  }

  /** {@code rows} rows in requests of 100, dense uniform in [-1, 1) + {@code shift}. */
  private static void send(RuntimeProcess rt, int rows, float shift, long seed) throws Exception {
    for (int sent = 0; sent < rows; sent += 100) {
      int n = Math.min(100, rows - sent);
      assertEquals(
          200, rt.post("/v2/models/ctr/infer", request(n, shift, seed + sent)).statusCode());
    }
  }

  private static String request(int n, float shift, long seed) {
    float[][] dense = CtrRankerModel.sampleDense(n, seed);
    for (float[] row : dense) {
      for (int j = 0; j < row.length; j++) {
        row[j] += shift;
      }
    }
    long[] ids = CtrRankerModel.sampleIds(n, seed);
    return CtrRequests.json(ids, dense, false, "");
  }
}
