package io.modelops.runtime.testmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CtrRankerModelTest {

  private static final float TOLERANCE = 1e-5f;
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 64, 256})
  void onnxRuntimeScoresMatchThePlainJavaForwardPass(int batch) throws OrtException {
    CtrRankerModel model = CtrRankerModel.forVersion("2026-11-13");
    long[] ids = CtrRankerModel.sampleIds(batch, batch);
    float[][] dense = CtrRankerModel.sampleDense(batch, batch);

    float[][] fromOrt = runOrt(model.toBytes(), ids, dense);
    float[] expected = model.score(ids, dense);

    assertEquals(batch, fromOrt.length);
    for (int row = 0; row < batch; row++) {
      assertEquals(1, fromOrt[row].length, "score is [N, 1]");
      assertEquals(expected[row], fromOrt[row][0], TOLERANCE, "row " + row);
    }
  }

  @Test
  void scoresAreSpreadOutNotSaturated() {
    float[] scores =
        CtrRankerModel.forVersion("2026-11-13")
            .score(CtrRankerModel.sampleIds(512, 1), CtrRankerModel.sampleDense(512, 1));
    float min = 1f;
    float max = 0f;
    for (float s : scores) {
      assertTrue(s > 0f && s < 1f, "sigmoid output in (0, 1): " + s);
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    assertTrue(max - min > 0.1f, "scores should vary across items, got [" + min + ", " + max + "]");
  }

  @Test
  void twoVersionsGiveDifferentScoresAndOneVersionIsDeterministic() throws OrtException {
    long[] ids = CtrRankerModel.sampleIds(64, 3);
    float[][] dense = CtrRankerModel.sampleDense(64, 3);
    CtrRankerModel v1 = CtrRankerModel.forVersion("2026-11-13");
    CtrRankerModel v2 = CtrRankerModel.forVersion("2026-11-20");

    assertArrayEquals(v1.toBytes(), CtrRankerModel.forVersion("2026-11-13").toBytes());
    float[][] s1 = runOrt(v1.toBytes(), ids, dense);
    float[][] s2 = runOrt(v2.toBytes(), ids, dense);
    double meanAbsDiff = 0;
    for (int row = 0; row < ids.length; row++) {
      meanAbsDiff += Math.abs(s1[row][0] - s2[row][0]) / ids.length;
    }
    assertTrue(meanAbsDiff > 0.01, "versions should score differently, mean diff " + meanAbsDiff);
    assertTrue(v1.seed() != v2.seed());
    assertEquals(CtrRankerModel.withSeed(42).seed(), 42L);
  }

  @Test
  void anyInt64IdIsHashedIntoTheTable() throws OrtException {
    CtrRankerModel model = CtrRankerModel.withSeed(7);
    long[] ids = {Long.MIN_VALUE, -1, 0, CtrRankerModel.NUM_ITEMS, Long.MAX_VALUE};
    float[][] dense = CtrRankerModel.sampleDense(ids.length, 7);
    float[][] fromOrt = runOrt(model.toBytes(), ids, dense);
    float[] expected = model.score(ids, dense);
    for (int row = 0; row < ids.length; row++) {
      assertEquals(expected[row], fromOrt[row][0], TOLERANCE, "id " + ids[row]);
    }
  }

  @Test
  void declaresDynamicBatchDimension() throws OrtException {
    try (OrtSession session = ENV.createSession(CtrRankerModel.withSeed(1).toBytes())) {
      assertTensor(session.getInputInfo(), CtrRankerModel.ITEM_IDS, OnnxJavaType.INT64, -1);
      assertTensor(session.getInputInfo(), CtrRankerModel.DENSE, OnnxJavaType.FLOAT, -1, 8);
      assertTensor(session.getOutputInfo(), CtrRankerModel.SCORE, OnnxJavaType.FLOAT, -1, 1);
    }
  }

  @Test
  void writeToCreatesTheFile(@TempDir Path dir) throws Exception {
    CtrRankerModel model = CtrRankerModel.withSeed(5);
    Path file = model.writeTo(dir.resolve("nested/model.onnx"));
    assertArrayEquals(model.toBytes(), Files.readAllBytes(file));
    assertTrue(Files.size(file) < 1_000_000, "example models must stay small");
  }

  @Test
  void forwardPassRejectsMismatchedInputs() {
    CtrRankerModel model = CtrRankerModel.withSeed(1);
    assertThrows(IllegalArgumentException.class, () -> model.score(new long[2], new float[1][8]));
    assertThrows(IllegalArgumentException.class, () -> model.score(new long[1], new float[1][7]));
    assertThrows(IllegalArgumentException.class, () -> CtrRankerModel.forVersion(" "));
  }

  @Test
  void aHeavyVariantMatchesItsForwardPassAndHasTheSameSignature() throws OrtException {
    // three hidden layers exercise the generic layer chain; small, so the test stays fast
    CtrRankerModel model = CtrRankerModel.heavy("heavy-1", 96, 64, 48);
    assertArrayEquals(new int[] {96, 64, 48}, model.hiddenWidths());
    long[] ids = CtrRankerModel.sampleIds(5, 3);
    float[][] dense = CtrRankerModel.sampleDense(5, 3);
    float[][] fromOrt = runOrt(model.toBytes(), ids, dense);
    float[] expected = model.score(ids, dense);
    for (int row = 0; row < 5; row++) {
      assertEquals(expected[row], fromOrt[row][0], 1e-4f, "row " + row);
    }
    float[] other = CtrRankerModel.heavy("heavy-2", 96, 64, 48).score(ids, dense);
    assertTrue(other[0] != expected[0], "another version has other weights");
  }

  @Test
  void theDefaultHeavyVariantOutgrowsTheCacheAndBadLayersAreRefused() {
    // one 4096x4096 Gemm: 64 MiB of weights, twice the development machine's L3
    assertArrayEquals(new int[] {4096, 4096}, CtrRankerModel.heavy("heavy-1").hiddenWidths());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CtrRankerModel.heavy("v", 8193));
    assertEquals("hidden layer width must be 1 to 8192, got 8193", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CtrRankerModel.heavy("v", new int[0]));
    assertThrows(IllegalArgumentException.class, () -> CtrRankerModel.heavy("v", new int[9]));
    assertThrows(IllegalArgumentException.class, () -> CtrRankerModel.heavy(" ", 8));
    // six 8192-wide layers (five 8192x8192 Gemms, 1.25 GiB): refused before any is generated
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CtrRankerModel.heavy("v", 8192, 8192, 8192, 8192, 8192, 8192));
    assertTrue(e.getMessage().contains("more than 268435456"), e.getMessage());
  }

  private static float[][] runOrt(byte[] modelBytes, long[] ids, float[][] dense)
      throws OrtException {
    try (OrtSession session = ENV.createSession(modelBytes);
        OnnxTensor idTensor = OnnxTensor.createTensor(ENV, ids);
        OnnxTensor denseTensor = OnnxTensor.createTensor(ENV, dense);
        OrtSession.Result result =
            session.run(
                Map.of(CtrRankerModel.ITEM_IDS, idTensor, CtrRankerModel.DENSE, denseTensor))) {
      return (float[][]) result.get(CtrRankerModel.SCORE).orElseThrow().getValue();
    }
  }

  private static void assertTensor(
      Map<String, NodeInfo> infos, String name, OnnxJavaType type, long... shape) {
    TensorInfo info = (TensorInfo) infos.get(name).getInfo();
    assertEquals(type, info.type, name);
    assertArrayEquals(shape, info.getShape(), name);
  }
}
