package io.modelops.runtime.testmodels;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The Open Inference Protocol datatypes that {@link DatatypesModel} covers. */
public enum TestDatatype {
  BOOL(DataType.BOOL, 1),
  INT8(DataType.INT8, 1),
  INT16(DataType.INT16, 2),
  INT32(DataType.INT32, 4),
  INT64(DataType.INT64, 8),
  UINT8(DataType.UINT8, 1),
  FP16(DataType.FLOAT16, 2),
  FP32(DataType.FLOAT, 4),
  FP64(DataType.DOUBLE, 8);

  private final DataType onnxType;
  private final int byteSize;

  TestDatatype(DataType onnxType, int byteSize) {
    this.onnxType = onnxType;
    this.byteSize = byteSize;
  }

  /** The V2 protocol name, e.g. {@code "FP64"}. */
  public String v2Name() {
    return name();
  }

  /** Bytes per element in the V2 binary tensor extension (little-endian; BOOL is one byte). */
  public int byteSize() {
    return byteSize;
  }

  DataType onnxType() {
    return onnxType;
  }

  /** The model input carrying this type, e.g. {@code fp64_in}. */
  public String inputName() {
    return name().toLowerCase(java.util.Locale.ROOT) + "_in";
  }

  /** The model output that returns this type's input unchanged, e.g. {@code fp64_out}. */
  public String outputName() {
    return name().toLowerCase(java.util.Locale.ROOT) + "_out";
  }

  /**
   * Element {@code index} of little-endian tensor bytes, widened to double (BOOL as 0/1, UINT8
   * unsigned, FP16 as IEEE half precision).
   */
  public double elementAsDouble(byte[] littleEndian, int index) {
    ByteBuffer b = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
    int at = index * byteSize;
    return switch (this) {
      case BOOL -> b.get(at) != 0 ? 1.0 : 0.0;
      case INT8 -> b.get(at);
      case INT16 -> b.getShort(at);
      case INT32 -> b.getInt(at);
      case INT64 -> (double) b.getLong(at);
      case UINT8 -> b.get(at) & 0xff;
      case FP16 -> halfToFloat(b.getShort(at));
      case FP32 -> b.getFloat(at);
      case FP64 -> b.getDouble(at);
    };
  }

  /** IEEE 754 binary16 bits to float (exact: every half is representable as a float). */
  public static float halfToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h >>> 15) << 31;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f; // subnormal (or zero)
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }
}
