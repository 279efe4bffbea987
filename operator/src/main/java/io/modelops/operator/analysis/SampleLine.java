package io.modelops.operator.analysis;

import java.util.HashMap;
import java.util.Map;

/** Cursor over one sample line of the text format (grammar in {@link PrometheusText}). */
final class SampleLine {

  private final String line;
  private final int lineNumber;
  private int pos;

  SampleLine(String line, int lineNumber) {
    this.line = line;
    this.lineNumber = lineNumber;
  }

  static boolean isMetricName(String s) {
    return s.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
  }

  Sample parse() {
    skipBlanks();
    String name = identifier(true);
    if (name.isEmpty()) {
      throw error("expected a metric name");
    }
    int blanks = skipBlanks();
    Map<String, String> labels = Map.of();
    if (peek() == '{') {
      pos++;
      labels = labels();
      blanks = skipBlanks();
    }
    if (blanks == 0) {
      throw error("expected a blank and a value after the name and labels");
    }
    double value = number(token(), "value");
    if (skipBlanks() > 0 && pos < line.length() && peek() != '#') {
      number(token(), "timestamp");
      skipBlanks();
    }
    if (pos < line.length() && peek() != '#') {
      throw error("unexpected text after the value");
    }
    return new Sample(name, labels, value);
  }

  private Map<String, String> labels() {
    Map<String, String> labels = new HashMap<>();
    while (true) {
      skipBlanks();
      if (peek() == '}') {
        pos++;
        return labels;
      }
      String labelName = identifier(false);
      if (labelName.isEmpty()) {
        throw error("expected a label name or '}'");
      }
      skipBlanks();
      expect('=');
      skipBlanks();
      expect('"');
      if (labels.put(labelName, quotedRest()) != null) {
        throw error("label '" + labelName + "' given twice");
      }
      skipBlanks();
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw error("expected ',' or '}' after label '" + labelName + "'");
      }
    }
  }

  /** Reads a label value after its opening quote, up to and including the closing quote. */
  private String quotedRest() {
    StringBuilder value = new StringBuilder();
    while (pos < line.length()) {
      char c = line.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = pos < line.length() ? line.charAt(pos++) : '\0';
      switch (escaped) {
        case '\\' -> value.append('\\');
        case '"' -> value.append('"');
        case 'n' -> value.append('\n');
        default -> throw error("invalid escape '\\" + escaped + "' in a label value");
      }
    }
    throw error("label value without a closing quote");
  }

  private String identifier(boolean metricName) {
    int start = pos;
    while (pos < line.length()) {
      char c = line.charAt(pos);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean allowed = letter || (metricName && c == ':') || (pos > start && c >= '0' && c <= '9');
      if (!allowed) {
        break;
      }
      pos++;
    }
    return line.substring(start, pos);
  }

  private String token() {
    int start = pos;
    while (pos < line.length() && !isBlank(line.charAt(pos))) {
      pos++;
    }
    return line.substring(start, pos);
  }

  private double number(String token, String what) {
    try {
      return PrometheusText.parseValue(token);
    } catch (NumberFormatException e) {
      throw error("the " + what + " '" + token + "' is not a number");
    }
  }

  private int skipBlanks() {
    int start = pos;
    while (pos < line.length() && isBlank(line.charAt(pos))) {
      pos++;
    }
    return pos - start;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < line.length() ? line.charAt(pos) : '\0';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private PrometheusTextException error(String problem) {
    return new PrometheusTextException(lineNumber, problem + " at column " + (pos + 1), line);
  }
}
