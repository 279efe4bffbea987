package io.modelops.runtime.config;

/** Invalid or missing configuration; the process exits with a message naming the setting. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
