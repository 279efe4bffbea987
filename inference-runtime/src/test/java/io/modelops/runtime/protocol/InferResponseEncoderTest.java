package io.modelops.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferResponseEncoderTest {
  private static TensorData tensor(String name, Datatype type, long[] shape, ByteBuffer data) {
    data.flip();
    return new TensorData(name, type, shape, data);
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void jsonOutputsForEveryDatatype() throws Exception {
    List<TensorData> outs =
        List.of(
            tensor("b", Datatype.BOOL, new long[] {2}, le(2).put((byte) 1).put((byte) 0)),
            tensor("u", Datatype.UINT8, new long[] {1}, le(1).put((byte) 200)),
            tensor("i8", Datatype.INT8, new long[] {1}, le(1).put((byte) -5)),
            tensor("i16", Datatype.INT16, new long[] {1}, le(2).putShort((short) -300)),
            tensor("i32", Datatype.INT32, new long[] {1}, le(4).putInt(70000)),
            tensor("i64", Datatype.INT64, new long[] {1}, le(8).putLong(1L << 40)),
            tensor("h", Datatype.FP16, new long[] {1}, le(2).putShort((short) 0x3800)),
            tensor("f", Datatype.FP32, new long[] {2, 1}, le(8).putFloat(0.25f).putFloat(-1f)),
            tensor("d", Datatype.FP64, new long[] {1}, le(8).putDouble(0.1)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int header =
        InferResponseEncoder.encode("ctr", "3", "req-9", outs, new boolean[outs.size()], out);
    assertEquals(-1, header);
    assertEquals(
        "{\"model_name\":\"ctr\",\"model_version\":\"3\",\"id\":\"req-9\",\"outputs\":["
            + "{\"name\":\"b\",\"datatype\":\"BOOL\",\"shape\":[2],\"data\":[true,false]},"
            + "{\"name\":\"u\",\"datatype\":\"UINT8\",\"shape\":[1],\"data\":[200]},"
            + "{\"name\":\"i8\",\"datatype\":\"INT8\",\"shape\":[1],\"data\":[-5]},"
            + "{\"name\":\"i16\",\"datatype\":\"INT16\",\"shape\":[1],\"data\":[-300]},"
            + "{\"name\":\"i32\",\"datatype\":\"INT32\",\"shape\":[1],\"data\":[70000]},"
            + "{\"name\":\"i64\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1099511627776]},"
            + "{\"name\":\"h\",\"datatype\":\"FP16\",\"shape\":[1],\"data\":[0.5]},"
            + "{\"name\":\"f\",\"datatype\":\"FP32\",\"shape\":[2,1],\"data\":[0.25,-1.0]},"
            + "{\"name\":\"d\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[0.1]}]}",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void binaryOutputsFollowTheJsonHeaderInOrder() throws Exception {
    List<TensorData> outs =
        List.of(
            tensor("a", Datatype.FP32, new long[] {2}, le(8).putFloat(1f).putFloat(2f)),
            tensor("b", Datatype.INT64, new long[] {1}, le(8).putLong(7)),
            tensor("c", Datatype.INT8, new long[] {3}, le(3).put(new byte[] {9, 8, 7})));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int header =
        InferResponseEncoder.encode("m", "1", null, outs, new boolean[] {true, false, true}, out);
    byte[] all = out.toByteArray();
    String json = new String(all, 0, header, StandardCharsets.UTF_8);
    assertEquals(
        "{\"model_name\":\"m\",\"model_version\":\"1\",\"outputs\":["
            + "{\"name\":\"a\",\"datatype\":\"FP32\",\"shape\":[2],\"parameters\":{\"binary_data_size\":8}},"
            + "{\"name\":\"b\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[7]},"
            + "{\"name\":\"c\",\"datatype\":\"INT8\",\"shape\":[3],\"parameters\":{\"binary_data_size\":3}}]}",
        json);
    byte[] binary = Arrays.copyOfRange(all, header, all.length);
    ByteBuffer expected = le(11).putFloat(1f).putFloat(2f).put(new byte[] {9, 8, 7});
    assertArrayEquals(expected.array(), binary);
  }

  @Test
  void decoderReadsWhatTheEncoderWrites() throws Exception {
    ByteBuffer data = le(12).putFloat(0.5f).putFloat(1.5f).putFloat(-7f);
    TensorData t = tensor("x", Datatype.FP32, new long[] {3}, data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int header = InferResponseEncoder.encode("m", "1", null, List.of(t), new boolean[] {true}, out);
    String asRequest =
        new String(out.toByteArray(), 0, header, StandardCharsets.UTF_8)
            .replace("\"outputs\"", "\"inputs\"");
    byte[] body =
        InferRequestDecoderTest.concat(
            asRequest.getBytes(StandardCharsets.UTF_8),
            Arrays.copyOfRange(out.toByteArray(), header, out.size()));
    InferRequest back = InferRequestDecoder.decode(body, asRequest.length());
    assertArrayEquals(
        new float[] {0.5f, 1.5f, -7f}, InferRequestDecoderTest.floats(back.input("x").data()));
  }
}
