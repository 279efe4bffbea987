package io.modelops.runtime.protocol;

/**
 * What one request may ask of the decoder, checked while parsing so that an abusive request is
 * refused before it costs time or memory: at most as many inputs and outputs as the model has, and
 * at most {@code maxInputBytes} of decoded tensor data (shape x element size, summed over inputs).
 */
public record DecodeLimits(int maxInputs, int maxOutputs, long maxInputBytes) {
  /** No limits (tests and tools that decode without a model). */
  public static final DecodeLimits NONE =
      new DecodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);

  public DecodeLimits {
    if (maxInputs < 0 || maxOutputs < 0 || maxInputBytes < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
  }
}
