package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelops.runtime.config.DurationCases;
import io.modelops.runtime.config.DurationCases.Case;
import io.modelops.runtime.config.DurationCases.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One duration grammar: the CRD's pattern, the operator's parser and the runtime's parser agree on
 * every line of the shared table (inference-runtime's duration-grammar.txt, read from its
 * test-jar).
 */
class DurationGrammarContractTest {

  static final Path CRD = Path.of("..", "crds", "modeldeployments.modelops.io-v1.yml");

  /** Every duration field of the API (docs/api.md). */
  static final Set<String> DURATION_FIELDS =
      Set.of("maxQueueDelay", "progressDeadline", "pause", "interval", "latencyP99");

  static Pattern crdPattern;

  static List<Case> cases() {
    return DurationCases.all();
  }

  @BeforeAll
  static void readCrdPattern() throws IOException {
    Map<String, String> patterns = new TreeMap<>();
    collectPatterns(new ObjectMapper(new YAMLFactory()).readTree(CRD.toFile()), patterns);
    assertEquals(DURATION_FIELDS, patterns.keySet(), "duration fields of the CRD");
    assertEquals(1, Set.copyOf(patterns.values()).size(), "one duration pattern: " + patterns);
    String pattern = patterns.values().iterator().next();
    assertEquals("^" + Durations.GRAMMAR + "$", pattern);
    // Kubernetes evaluates patterns with Go's regexp, where $ is the end of the text; in Java, $
    // also matches before a final line terminator, so use \z.
    crdPattern = Pattern.compile(pattern.replaceAll("\\$$", "\\\\z"));
  }

  /** Collects {@code property name → pattern} of the properties whose pattern is a duration's. */
  private static void collectPatterns(JsonNode node, Map<String, String> out) {
    JsonNode properties = node.get("properties");
    if (properties != null && properties.isObject()) {
      properties
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode pattern = e.getValue().get("pattern");
                if (pattern != null && pattern.asText().contains("(us|ms|s|m|h)")
                    || DURATION_FIELDS.contains(e.getKey())) {
                  String previous =
                      out.put(e.getKey(), pattern == null ? "<none>" : pattern.asText());
                  if (previous != null && pattern != null) {
                    assertEquals(previous, pattern.asText(), e.getKey());
                  }
                }
              });
    }
    node.forEach(child -> collectPatterns(child, out));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void crdPatternAcceptsExactlyTheGrammar(Case c) {
    assertEquals(c.outcome() != Outcome.INVALID, crdPattern.matcher(c.input()).find(), c.input());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void operatorParserFollowsTheTable(Case c) {
    if (c.outcome() == Outcome.VALID) {
      assertEquals(Duration.ofNanos(c.nanos()), Durations.parse(c.input()));
    } else {
      assertThrows(IllegalArgumentException.class, () -> Durations.parse(c.input()));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void runtimeParserAgreesWithTheOperatorParser(Case c) {
    if (c.outcome() == Outcome.VALID) {
      assertEquals(
          Durations.parse(c.input()), io.modelops.runtime.config.Durations.parse(c.input()));
    } else {
      assertThrows(
          IllegalArgumentException.class,
          () -> io.modelops.runtime.config.Durations.parse(c.input()));
    }
  }

  @Test
  void bothParsersDeclareTheSameGrammar() {
    assertEquals(Durations.GRAMMAR, io.modelops.runtime.config.Durations.GRAMMAR);
  }
}
