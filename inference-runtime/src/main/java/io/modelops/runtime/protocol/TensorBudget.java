package io.modelops.runtime.protocol;

/**
 * The per-request memory budget for decoded input tensors: a declared shape is priced (element
 * count x element size, overflow-safe) and charged before any buffer is allocated for it.
 */
final class TensorBudget {
  /** Largest tensor a Java buffer can hold. */
  static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8L;

  private TensorBudget() {}

  /**
   * Bytes for {@code count} elements of {@code elementSize} bytes, or -1 when the count overflowed
   * (is negative) or the product exceeds what one buffer can hold.
   */
  static long bytes(long count, int elementSize) {
    if (count < 0 || count > MAX_TENSOR_BYTES / elementSize) {
      return -1;
    }
    return count * elementSize;
  }

  /**
   * Charges {@code bytes} to a budget with {@code left} bytes remaining and returns what remains,
   * or throws a 413 naming the input when it does not fit.
   */
  static long charge(String input, long[] shape, Datatype type, long bytes, long left) {
    if (bytes > left) {
      throw new ApiException(
          413,
          "input '"
              + input
              + "': shape "
              + TensorData.shapeString(shape)
              + " of "
              + type
              + " needs "
              + bytes
              + " bytes, more than the "
              + left
              + " bytes left of this request's input budget (RUNTIME_MAX_INPUT_BYTES)");
    }
    return left - bytes;
  }
}
