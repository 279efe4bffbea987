package io.modelops.runtime.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One tensor in the runtime's internal form: little-endian element bytes ({@code data} from its
 * position to its limit) plus datatype and shape.
 */
public record TensorData(String name, Datatype datatype, long[] shape, ByteBuffer data) {

  /** Number of elements implied by the shape. */
  public long elementCount() {
    return elementCount(shape);
  }

  /** Rows along the first (batch) dimension; 1 for a scalar. */
  public long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** Product of the dimensions, or -1 when it overflows a long. */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return n;
  }

  /** Formats a shape as {@code [2,8]}. */
  public static String shapeString(long[] shape) {
    return Arrays.toString(shape).replace(" ", "");
  }
}
