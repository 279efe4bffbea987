package io.modelops.runtime.testmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatatypesModelTest {

  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private static final Map<TestDatatype, OnnxJavaType> JAVA_TYPES =
      Map.of(
          TestDatatype.BOOL, OnnxJavaType.BOOL,
          TestDatatype.INT8, OnnxJavaType.INT8,
          TestDatatype.INT16, OnnxJavaType.INT16,
          TestDatatype.INT32, OnnxJavaType.INT32,
          TestDatatype.INT64, OnnxJavaType.INT64,
          TestDatatype.UINT8, OnnxJavaType.UINT8,
          TestDatatype.FP16, OnnxJavaType.FLOAT16,
          TestDatatype.FP32, OnnxJavaType.FLOAT,
          TestDatatype.FP64, OnnxJavaType.DOUBLE);

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 256})
  void everyDatatypeRoundTripsAndIsReadWithItsOwnType(int rows) throws OrtException {
    Map<TestDatatype, byte[]> inputs = DatatypesModel.sampleInputs(rows, rows);
    long[] shape = {rows, DatatypesModel.COLUMNS};
    Map<String, OnnxTensor> feeds = new HashMap<>();
    try (OrtSession session = ENV.createSession(DatatypesModel.toBytes())) {
      for (TestDatatype t : TestDatatype.values()) {
        ByteBuffer direct =
            ByteBuffer.allocateDirect(inputs.get(t).length).order(ByteOrder.nativeOrder());
        direct.put(inputs.get(t)).flip();
        feeds.put(t.inputName(), OnnxTensor.createTensor(ENV, direct, shape, JAVA_TYPES.get(t)));
      }
      try (OrtSession.Result result = session.run(feeds)) {
        for (TestDatatype t : TestDatatype.values()) {
          OnnxTensor out = (OnnxTensor) result.get(t.outputName()).orElseThrow();
          assertEquals(JAVA_TYPES.get(t), out.getInfo().type, t.outputName());
          assertArrayEquals(shape, out.getInfo().getShape(), t.outputName());
          byte[] bytes = new byte[inputs.get(t).length];
          out.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN).get(bytes);
          assertArrayEquals(inputs.get(t), bytes, t + " must round-trip byte for byte");
        }
        double[][] combined =
            (double[][]) result.get(DatatypesModel.COMBINED).orElseThrow().getValue();
        double[] expected = DatatypesModel.combined(inputs, rows);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(
              expected[i],
              combined[i / DatatypesModel.COLUMNS][i % DatatypesModel.COLUMNS],
              0.0,
              "combined element " + i);
        }
      }
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  @Test
  void declaresOneInputAndOneOutputPerDatatype() throws OrtException {
    try (OrtSession session = ENV.createSession(DatatypesModel.toBytes())) {
      assertEquals(TestDatatype.values().length, session.getNumInputs());
      assertEquals(TestDatatype.values().length + 1, session.getNumOutputs());
      for (TestDatatype t : TestDatatype.values()) {
        TensorInfo in = (TensorInfo) session.getInputInfo().get(t.inputName()).getInfo();
        assertEquals(JAVA_TYPES.get(t), in.type, t.inputName());
        assertArrayEquals(new long[] {-1, DatatypesModel.COLUMNS}, in.getShape());
      }
    }
  }

  @Test
  void signedAndUnsignedBytesAreDistinguished() {
    byte[] minusOne = {(byte) 0xff};
    assertEquals(-1.0, TestDatatype.INT8.elementAsDouble(minusOne, 0));
    assertEquals(255.0, TestDatatype.UINT8.elementAsDouble(minusOne, 0));
    Map<TestDatatype, byte[]> a = DatatypesModel.sampleInputs(3, 1);
    Map<TestDatatype, byte[]> b = new EnumMap<>(a);
    b.put(TestDatatype.INT8, b.get(TestDatatype.INT8).clone());
    b.get(TestDatatype.INT8)[4] ^= 1;
    assertNotEquals(DatatypesModel.combined(a, 3)[4], DatatypesModel.combined(b, 3)[4]);
  }

  @Test
  void halfPrecisionDecodesNormalsSubnormalsAndSpecials() {
    assertEquals(1.0f, TestDatatype.halfToFloat((short) 0x3c00));
    assertEquals(-2.0f, TestDatatype.halfToFloat((short) 0xc000));
    assertEquals(65504f, TestDatatype.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-24f, TestDatatype.halfToFloat((short) 0x0001));
    assertEquals(Float.NEGATIVE_INFINITY, TestDatatype.halfToFloat((short) 0xfc00));
    assertEquals(Float.NaN, TestDatatype.halfToFloat((short) 0x7e00));
  }
}
