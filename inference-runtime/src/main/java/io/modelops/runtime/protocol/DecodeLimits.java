package io.modelops.runtime.protocol;

/**
 * What one request may ask of the decoder, checked while parsing so that an abusive request is
 * refused before it costs time or memory: at most as many inputs and outputs as the model has, and
 * at most {@code maxInputBytes} of decoded tensor data (shape x element size, summed over inputs).
 * {@code inputNames} and {@code outputNames} (e.g. {@code [a, b]}, or empty) only go into messages.
 */
public record DecodeLimits(
    int maxInputs, int maxOutputs, long maxInputBytes, String inputNames, String outputNames) {
  /** No limits (tests and tools that decode without a model). */
  public static final DecodeLimits NONE =
      new DecodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);

  /** Limits without the model's names for messages. */
  public DecodeLimits(int maxInputs, int maxOutputs, long maxInputBytes) {
    this(maxInputs, maxOutputs, maxInputBytes, "", "");
  }

  public DecodeLimits {
    if (maxInputs < 0 || maxOutputs < 0 || maxInputBytes < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
  }
}
