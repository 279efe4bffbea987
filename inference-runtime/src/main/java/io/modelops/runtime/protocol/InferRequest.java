package io.modelops.runtime.protocol;

import java.util.List;

/**
 * A decoded inference request.
 *
 * @param id the client's request id, echoed in the response (may be null)
 * @param inputs the input tensors in request order
 * @param outputs the requested outputs; empty = all model outputs
 * @param binaryDataOutput request-level {@code parameters.binary_data_output}
 */
public record InferRequest(
    String id, List<TensorData> inputs, List<RequestedOutput> outputs, boolean binaryDataOutput) {

  /** The input with this name, or null. */
  public TensorData input(String name) {
    for (TensorData t : inputs) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
