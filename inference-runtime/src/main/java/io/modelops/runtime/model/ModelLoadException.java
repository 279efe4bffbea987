package io.modelops.runtime.model;

/** Loading failed; {@code reason} is a short metric-label-friendly code. */
public final class ModelLoadException extends Exception {
  private final String reason;

  public ModelLoadException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public ModelLoadException(String reason, String message) {
    this(reason, message, null);
  }

  /**
   * One of: not_found, download_failed, sha256_mismatch, signature_missing, signature_mismatch,
   * signature_malformed, signature_keys, invalid_model, load_failed.
   */
  public String reason() {
    return reason;
  }
}
