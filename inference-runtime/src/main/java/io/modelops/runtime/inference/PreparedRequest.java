package io.modelops.runtime.inference;

import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.protocol.TensorData;

/**
 * A request checked against the model signature.
 *
 * @param inputs tensors in the model's input order
 * @param outputs requested outputs in response order
 * @param binary per output: return in the binary section
 * @param rows rows along the first dimension (all inputs agree)
 * @param batchable whether it may be merged with other requests
 */
public record PreparedRequest(
    String id,
    TensorData[] inputs,
    TensorSpec[] outputs,
    boolean[] binary,
    long rows,
    boolean batchable) {}
