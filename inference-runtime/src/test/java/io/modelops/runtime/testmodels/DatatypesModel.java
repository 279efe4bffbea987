package io.modelops.runtime.testmodels;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * An ONNX model that covers every {@link TestDatatype}: for each type {@code T} an input {@code
 * t_in} of shape {@code [N, 2]} comes back unchanged as output {@code t_out} of the same type and
 * shape, and output {@code combined} (FP64 {@code [N, 2]}) is the element-wise sum of every input
 * cast to double, so a server test can check both an exact round trip of the bytes and that the
 * model really read each input with the right type (INT8 -1 and UINT8 255 differ in the sum).
 */
public final class DatatypesModel {

  public static final String COMBINED = "combined";

  /** Fixed second dimension of every input and output. */
  public static final int COLUMNS = 2;

  private DatatypesModel() {}

  /** The serialised ONNX model (deterministic). */
  public static byte[] toBytes() {
    OnnxGraphBuilder g = new OnnxGraphBuilder("datatypes");
    String sum = null;
    for (TestDatatype t : TestDatatype.values()) {
      g.input(t.inputName(), t.onnxType(), "N", (long) COLUMNS);
      g.output(t.outputName(), t.onnxType(), "N", (long) COLUMNS);
      g.node("Identity", t.outputName(), t.inputName());
      String asDouble = t.name().toLowerCase(java.util.Locale.ROOT) + "_as_fp64";
      g.node(
          "Cast",
          new String[] {t.inputName()},
          new String[] {asDouble},
          OnnxGraphBuilder.intAttr("to", DataType.DOUBLE.getNumber()));
      if (sum == null) {
        sum = asDouble;
      } else {
        String next =
            t == TestDatatype.values()[TestDatatype.values().length - 1] ? COMBINED : "sum_" + t;
        g.node("Add", next, sum, asDouble);
        sum = next;
      }
    }
    g.output(COMBINED, DataType.DOUBLE, "N", (long) COLUMNS);
    return g.toBytes("1", 1, "Datatype coverage test model: t_in -> t_out, combined = sum");
  }

  /** Writes {@link #toBytes()} to {@code path}, creating parent directories; returns the path. */
  public static Path writeTo(Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(path, toBytes());
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model to " + path, e);
    }
  }

  /**
   * Plain-Java {@code combined} output: element-wise sum, in {@link TestDatatype} declaration
   * order, of every input widened to double.
   *
   * @param inputs little-endian bytes of each input, {@code rows * COLUMNS} elements each
   */
  public static double[] combined(Map<TestDatatype, byte[]> inputs, int rows) {
    double[] out = new double[rows * COLUMNS];
    for (int i = 0; i < out.length; i++) {
      double acc = 0;
      boolean first = true;
      for (TestDatatype t : TestDatatype.values()) {
        byte[] data = inputs.get(t);
        if (data == null || data.length != rows * COLUMNS * t.byteSize()) {
          throw new IllegalArgumentException("input " + t + " missing or not " + rows + " rows");
        }
        double v = t.elementAsDouble(data, i);
        acc = first ? v : acc + v;
        first = false;
      }
      out[i] = acc;
    }
    return out;
  }

  /**
   * Deterministic little-endian sample data for every input. Row 0 holds each type's extremes; the
   * other rows hold values small enough (INT64 within 2^40) that the {@code combined} sum of a row
   * still changes when any one input changes by one. Floating-point values are finite (no NaN).
   */
  public static Map<TestDatatype, byte[]> sampleInputs(int rows, long seed) {
    Random random = new Random(seed);
    int n = rows * COLUMNS;
    Map<TestDatatype, byte[]> inputs = new EnumMap<>(TestDatatype.class);
    for (TestDatatype t : TestDatatype.values()) {
      ByteBuffer b = ByteBuffer.allocate(n * t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        boolean edge = i < 2; // first row holds the type's extremes
        switch (t) {
          case BOOL -> b.put((byte) (edge ? i : random.nextInt(2)));
          case INT8 ->
              b.put(edge ? (i == 0 ? Byte.MIN_VALUE : Byte.MAX_VALUE) : (byte) random.nextInt());
          case UINT8 -> b.put(edge ? (byte) (i == 0 ? 0 : 255) : (byte) random.nextInt());
          case INT16 ->
              b.putShort(
                  edge ? (i == 0 ? Short.MIN_VALUE : Short.MAX_VALUE) : (short) random.nextInt());
          case INT32 ->
              b.putInt(edge ? (i == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : random.nextInt());
          case INT64 ->
              b.putLong(
                  edge ? (i == 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : random.nextLong() >> 23);
          case FP16 -> b.putShort(randomHalf(random, edge ? i : -1));
          case FP32 -> b.putFloat(edge ? (i == 0 ? -1e30f : 1e-30f) : random.nextFloat() * 100f);
          case FP64 -> b.putDouble(edge ? (i == 0 ? -1e300 : 5e-324) : random.nextGaussian());
        }
      }
      inputs.put(t, b.array());
    }
    return inputs;
  }

  /** A finite half: 65504 (max) / smallest subnormal at the edges, else a random normal value. */
  private static short randomHalf(Random random, int edge) {
    if (edge == 0) {
      return (short) 0x7bff;
    }
    if (edge == 1) {
      return (short) 0x8001;
    }
    int sign = random.nextBoolean() ? 0x8000 : 0;
    int exponent = 1 + random.nextInt(20); // 2^-14 .. 2^5
    int mantissa = random.nextInt(1 << 10);
    return (short) (sign | (exponent << 10) | mantissa);
  }
}
