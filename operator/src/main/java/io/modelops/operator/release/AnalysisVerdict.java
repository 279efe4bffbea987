package io.modelops.operator.release;

import io.modelops.api.v1alpha1.AnalysisStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one analysis interval of the canary, as an {@link AnalysisSource} reports it: the
 * release state machine's only input about metrics.
 *
 * @param kind what the interval concluded
 * @param at end of the interval (a verdict not newer than the last one counted is ignored)
 * @param check for {@link Kind#FAIL}: the failing check, e.g. {@code P99LatencyMs}
 * @param value for {@link Kind#FAIL}: the measured value
 * @param threshold for {@link Kind#FAIL}: the threshold it broke
 * @param message human-readable detail (why inconclusive, which checks passed)
 * @param report what to show as status.lastAnalysis (every check's figures), or null when the
 *     source has none
 */
public record AnalysisVerdict(
    Kind kind,
    Instant at,
    String check,
    String value,
    String threshold,
    String message,
    AnalysisStatus report) {

  /** What an interval concluded. */
  public enum Kind {
    /** Every check within its threshold. */
    PASS,
    /** A check broke its threshold. */
    FAIL,
    /** No traffic or no data: nothing can be concluded. */
    INCONCLUSIVE,
    /** The interval is not over yet (or no interval is running): nothing to count. */
    NOT_YET_DUE
  }

  public AnalysisVerdict {
    Objects.requireNonNull(kind, "kind");
  }

  public static AnalysisVerdict notYetDue() {
    return new AnalysisVerdict(Kind.NOT_YET_DUE, null, null, null, null, "", null);
  }

  public static AnalysisVerdict pass(Instant at, String message) {
    return new AnalysisVerdict(Kind.PASS, at, null, null, null, message, null);
  }

  public static AnalysisVerdict fail(Instant at, String check, String value, String threshold) {
    return fail(at, check, value, threshold, "above");
  }

  /**
   * A failed check; {@code relation} is {@code above} a highest or {@code below} a lowest value.
   */
  public static AnalysisVerdict fail(
      Instant at, String check, String value, String threshold, String relation) {
    return new AnalysisVerdict(
        Kind.FAIL,
        at,
        check,
        value,
        threshold,
        check + " " + value + " " + relation + " " + threshold,
        null);
  }

  public static AnalysisVerdict inconclusive(Instant at, String message) {
    return new AnalysisVerdict(Kind.INCONCLUSIVE, at, null, null, null, message, null);
  }

  /** This verdict with the figures for status.lastAnalysis. */
  public AnalysisVerdict withReport(AnalysisStatus report) {
    return new AnalysisVerdict(kind, at, check, value, threshold, message, report);
  }
}
