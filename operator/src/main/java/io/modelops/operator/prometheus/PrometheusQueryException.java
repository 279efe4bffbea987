package io.modelops.operator.prometheus;

/** A query that gave no usable answer: HTTP error, timeout, an error status, or unreadable JSON. */
public final class PrometheusQueryException extends Exception {

  public PrometheusQueryException(String message) {
    super(message);
  }

  public PrometheusQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
