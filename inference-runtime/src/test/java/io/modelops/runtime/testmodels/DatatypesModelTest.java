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

  private static final Map<Datatype, OnnxJavaType> JAVA_TYPES =
      Map.of(
          Datatype.BOOL, OnnxJavaType.BOOL,
          Datatype.INT8, OnnxJavaType.INT8,
          Datatype.INT16, OnnxJavaType.INT16,
          Datatype.INT32, OnnxJavaType.INT32,
          Datatype.INT64, OnnxJavaType.INT64,
          Datatype.UINT8, OnnxJavaType.UINT8,
          Datatype.FP16, OnnxJavaType.FLOAT16,
          Datatype.FP32, OnnxJavaType.FLOAT,
          Datatype.FP64, OnnxJavaType.DOUBLE);

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 256})
  void everyDatatypeRoundTripsAndIsReadWithItsOwnType(int rows) throws OrtException {
    Map<Datatype, byte[]> inputs = DatatypesModel.sampleInputs(rows, rows);
    long[] shape = {rows, DatatypesModel.COLUMNS};
    Map<String, OnnxTensor> feeds = new HashMap<>();
    try (OrtSession session = ENV.createSession(DatatypesModel.toBytes())) {
      for (Datatype t : Datatype.values()) {
        ByteBuffer direct =
            ByteBuffer.allocateDirect(inputs.get(t).length).order(ByteOrder.nativeOrder());
        direct.put(inputs.get(t)).flip();
        feeds.put(t.inputName(), OnnxTensor.createTensor(ENV, direct, shape, JAVA_TYPES.get(t)));
      }
      try (OrtSession.Result result = session.run(feeds)) {
        for (Datatype t : Datatype.values()) {
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
      assertEquals(Datatype.values().length, session.getNumInputs());
      assertEquals(Datatype.values().length + 1, session.getNumOutputs());
      for (Datatype t : Datatype.values()) {
        TensorInfo in = (TensorInfo) session.getInputInfo().get(t.inputName()).getInfo();
        assertEquals(JAVA_TYPES.get(t), in.type, t.inputName());
        assertArrayEquals(new long[] {-1, DatatypesModel.COLUMNS}, in.getShape());
      }
    }
  }

  @Test
  void signedAndUnsignedBytesAreDistinguished() {
    byte[] minusOne = {(byte) 0xff};
    assertEquals(-1.0, Datatype.INT8.elementAsDouble(minusOne, 0));
    assertEquals(255.0, Datatype.UINT8.elementAsDouble(minusOne, 0));
    Map<Datatype, byte[]> a = DatatypesModel.sampleInputs(3, 1);
    Map<Datatype, byte[]> b = new EnumMap<>(a);
    b.put(Datatype.INT8, b.get(Datatype.INT8).clone());
    b.get(Datatype.INT8)[4] ^= 1;
    assertNotEquals(DatatypesModel.combined(a, 3)[4], DatatypesModel.combined(b, 3)[4]);
  }

  @Test
  void halfPrecisionDecodesNormalsSubnormalsAndSpecials() {
    assertEquals(1.0f, Datatype.halfToFloat((short) 0x3c00));
    assertEquals(-2.0f, Datatype.halfToFloat((short) 0xc000));
    assertEquals(65504f, Datatype.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-24f, Datatype.halfToFloat((short) 0x0001));
    assertEquals(Float.NEGATIVE_INFINITY, Datatype.halfToFloat((short) 0xfc00));
    assertEquals(Float.NaN, Datatype.halfToFloat((short) 0x7e00));
  }
}
