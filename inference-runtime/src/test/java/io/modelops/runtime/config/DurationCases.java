package io.modelops.runtime.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of duration-grammar cases (duration-grammar.txt, next to this class), shared through
 * the test-jar with the operator's tests so the runtime, the operator and the CRD agree on one
 * grammar.
 */
public final class DurationCases {

  /** The resource holding the table. */
  public static final String RESOURCE = "duration-grammar.txt";

  /** One line: {@code input} and its value in nanoseconds; {@code nanos} is null unless valid. */
  public record Case(String input, Outcome outcome, Long nanos) {
    @Override
    public String toString() {
      return '"' + input.replace("\n", "\\n") + "\" → " + (nanos != null ? nanos : outcome);
    }
  }

  /** What the grammar says of an input. */
  public enum Outcome {
    VALID,
    INVALID,
    TOO_LARGE
  }

  private DurationCases() {}

  /** Every case of the table. */
  public static List<Case> all() {
    try (InputStream in = DurationCases.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test class path");
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Case> cases = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          cases.add(parse(line));
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code "input" expected}; {@code \n} in the input is a newline. */
  static Case parse(String line) {
    int close = line.indexOf('"', 1);
    if (!line.startsWith("\"") || close < 0) {
      throw new IllegalArgumentException("bad table line: " + line);
    }
    String input = line.substring(1, close).replace("\\n", "\n");
    String expected = line.substring(close + 1).trim();
    return switch (expected) {
      case "invalid" -> new Case(input, Outcome.INVALID, null);
      case "too-large" -> new Case(input, Outcome.TOO_LARGE, null);
      default -> new Case(input, Outcome.VALID, Long.parseLong(expected));
    };
  }
}
