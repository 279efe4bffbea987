package io.modelops.operator.analysis;

/**
 * A line of a {@code /metrics} answer that is not valid Prometheus text format. The message names
 * the 1-based line number, what was wrong and the start of the line.
 */
public class PrometheusTextException extends IllegalArgumentException {

  private static final int QUOTED_CHARS = 120;

  private final int lineNumber;

  PrometheusTextException(int lineNumber, String problem, String line) {
    super("line " + lineNumber + ": " + problem + ": " + excerpt(line));
    this.lineNumber = lineNumber;
  }

  /** The 1-based number of the offending line. */
  public int lineNumber() {
    return lineNumber;
  }

  private static String excerpt(String line) {
    String oneLine = line.replace("\r", "\\r");
    return oneLine.length() <= QUOTED_CHARS ? oneLine : oneLine.substring(0, QUOTED_CHARS) + "…";
  }
}
