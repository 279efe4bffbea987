package io.modelops.runtime.model;

import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.TensorData;

/**
 * A model input or output as the protocol describes it; {@code -1} marks a dynamic dimension.
 * {@code dimensionNames} holds the model's symbolic name of each dynamic dimension ("" if none).
 */
public record TensorSpec(String name, Datatype datatype, long[] shape, String[] dimensionNames) {

  /** A spec without symbolic dimension names. */
  public TensorSpec(String name, Datatype datatype, long[] shape) {
    this(name, datatype, shape, emptyNames(shape.length));
  }

  private static String[] emptyNames(int n) {
    String[] names = new String[n];
    java.util.Arrays.fill(names, "");
    return names;
  }

  /** True when the first dimension is dynamic, i.e. the tensor can be batched along it. */
  public boolean batchable() {
    return shape.length > 0 && shape[0] < 0;
  }

  /** True when {@code actual} has this spec's rank and matches every fixed dimension. */
  public boolean accepts(long[] actual) {
    if (actual.length != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] >= 0 && shape[i] != actual[i]) {
        return false;
      }
    }
    return true;
  }

  public String shapeString() {
    return TensorData.shapeString(shape);
  }
}
