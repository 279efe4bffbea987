package io.modelops.runtime.protocol;

import ai.onnxruntime.OnnxJavaType;
import java.util.Locale;

/** Open Inference Protocol tensor datatypes supported by the runtime, with their ORT type. */
public enum Datatype {
  BOOL(1, OnnxJavaType.BOOL),
  INT8(1, OnnxJavaType.INT8),
  UINT8(1, OnnxJavaType.UINT8),
  INT16(2, OnnxJavaType.INT16),
  INT32(4, OnnxJavaType.INT32),
  INT64(8, OnnxJavaType.INT64),
  FP16(2, OnnxJavaType.FLOAT16),
  FP32(4, OnnxJavaType.FLOAT),
  FP64(8, OnnxJavaType.DOUBLE);

  private final int byteSize;
  private final OnnxJavaType ortType;

  Datatype(int byteSize, OnnxJavaType ortType) {
    this.byteSize = byteSize;
    this.ortType = ortType;
  }

  /** Bytes per element in the binary tensor format (little-endian). */
  public int byteSize() {
    return byteSize;
  }

  public OnnxJavaType ortType() {
    return ortType;
  }

  /** True for FP16, FP32 and FP64. */
  public boolean floatingPoint() {
    return this == FP16 || this == FP32 || this == FP64;
  }

  /** The protocol datatype for an ORT element type, or null when the runtime cannot serve it. */
  public static Datatype fromOrt(OnnxJavaType type) {
    for (Datatype d : values()) {
      if (d.ortType == type) {
        return d;
      }
    }
    return null;
  }

  /** Parses a protocol datatype name; throws {@link ApiException} (400) for unknown names. */
  public static Datatype parse(String name, String inputName) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "input '"
              + inputName
              + "': unsupported datatype '"
              + name
              + "' (supported: BOOL, INT8, UINT8, INT16, INT32, INT64, FP16, FP32, FP64)");
    }
  }
}
