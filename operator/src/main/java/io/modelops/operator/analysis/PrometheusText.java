package io.modelops.operator.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parser for the Prometheus text exposition format 0.0.4, as the inference runtime's {@code
 * /metrics} writes it (Micrometer 1.x on the Prometheus Java client 1.x), so the canary analysis
 * can read pods directly without a Prometheus server.
 *
 * <p>What it accepts, line by line ({@code \n} or {@code \r\n} endings):
 *
 * <ul>
 *   <li>blank lines, ignored;
 *   <li>{@code # TYPE <family> <type>}: recorded in {@link Scrape#types()}; a TYPE line without a
 *       valid name and a known type (counter, gauge, histogram, summary, untyped, and OpenMetrics'
 *       unknown, gaugehistogram, stateset, info) is an error;
 *   <li>{@code # HELP …} and every other {@code #} line ({@code # EOF}, {@code # UNIT}): ignored;
 *   <li>samples: {@code name[{label="value",…}] value [timestamp] [# exemplar]}. Names follow
 *       {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names {@code [a-zA-Z_][a-zA-Z0-9_]*}; a trailing
 *       comma inside the braces is allowed; label values unescape {@code \\}, {@code \"} and {@code
 *       \n} (any other escape is an error); a label name given twice is an error. Values are
 *       decimal or scientific floats with an optional sign, or {@code +Inf}, {@code Inf}, {@code
 *       -Inf}, {@code NaN} (any case, also {@code Infinity}); Java-only spellings such as {@code
 *       1d} or hexadecimal floats are refused. An optional timestamp must be a number and is
 *       dropped (see {@link Sample}); an OpenMetrics exemplar after {@code #} is dropped.
 * </ul>
 *
 * <p>Samples whose name ends in {@code _created} are left out: OpenMetrics (and client_java when
 * asked) exposes a counter's or histogram's creation time under that suffix, which is not a count
 * and must not be summed or differenced; no runtime metric has that suffix otherwise.
 *
 * <p>Error handling: the first bad line stops parsing with a {@link PrometheusTextException} naming
 * the line number. The answer comes from our own runtime, so a bad line means the scrape hit
 * something else (a proxy's error page, a truncated body); comparing a canary on part of its
 * metrics would be worse than treating that pod's interval as "no data", which the caller does.
 */
public final class PrometheusText {

  private static final Set<String> TYPES =
      Set.of(
          "counter",
          "gauge",
          "histogram",
          "summary",
          "untyped",
          "unknown",
          "gaugehistogram",
          "stateset",
          "info");

  private PrometheusText() {}

  /** Parses a whole exposition; throws {@link PrometheusTextException} on the first bad line. */
  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int lineNumber = i + 1;
      if (line.isBlank()) {
        continue;
      }
      if (line.stripLeading().startsWith("#")) {
        comment(line, lineNumber, types);
        continue;
      }
      Sample sample = new SampleLine(line, lineNumber).parse();
      if (!sample.name().endsWith("_created")) {
        samples.add(sample);
      }
    }
    return new Scrape(samples, types);
  }

  private static void comment(String line, int lineNumber, Map<String, String> types) {
    String[] tokens = line.stripLeading().substring(1).trim().split("[ \t]+");
    if (!tokens[0].equals("TYPE")) {
      return;
    }
    if (tokens.length != 3 || !SampleLine.isMetricName(tokens[1])) {
      throw new PrometheusTextException(lineNumber, "TYPE needs a metric name and a type", line);
    }
    String type = tokens[2].toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new PrometheusTextException(
          lineNumber, "unknown metric type '" + tokens[2] + "'", line);
    }
    types.put(tokens[1], type);
  }

  /**
   * Parses a sample value or {@code le} bound as Prometheus does (Go's {@code ParseFloat}
   * spellings, without hexadecimal floats).
   *
   * @throws NumberFormatException when the text is not such a number
   */
  public static double parseValue(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "+inf", "inf", "+infinity", "infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan", "+nan", "-nan":
        return Double.NaN;
      default:
        if (!text.matches("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?")) {
          throw new NumberFormatException("not a number: '" + text + "'");
        }
        return Double.parseDouble(text);
    }
  }
}
