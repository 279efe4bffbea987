package io.modelops.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.config.DurationCases.Case;
import io.modelops.runtime.config.DurationCases.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

  static List<Case> cases() {
    return DurationCases.all();
  }

  /** The shared grammar table (duration-grammar.txt), also checked against the operator and CRD. */
  @ParameterizedTest
  @MethodSource("cases")
  void followsTheSharedGrammarTable(Case c) {
    if (c.outcome() == Outcome.VALID) {
      assertEquals(Duration.ofNanos(c.nanos()), Durations.parse(c.input()));
    } else {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Durations.parse(c.input()));
      assertTrue(e.getMessage().contains("duration"), e.getMessage());
    }
  }

  @Test
  void theTableCoversEveryOutcome() {
    for (Outcome o : Outcome.values()) {
      assertTrue(cases().stream().anyMatch(c -> c.outcome() == o), o.name());
    }
  }

  @Test
  void rejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
  }

  @Test
  void formatsInTheLargestExactUnit() {
    assertEquals("2ms", Durations.format(Duration.ofMillis(2)));
    assertEquals("500us", Durations.format(Duration.ofNanos(500_000)));
    assertEquals("1.5us", Durations.format(Duration.ofNanos(1_500)));
    assertEquals("0.007us", Durations.format(Duration.ofNanos(7)));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
    assertEquals("1h", Durations.format(Duration.ofHours(1)));
    assertEquals("0ms", Durations.format(Duration.ZERO));
  }

  /** Whatever the runtime prints (error messages, admin API) it accepts back. */
  @Test
  void formatRoundTripsThroughParse() {
    long[] nanos = {0, 1, 7, 999, 1_000, 1_500, 1_500_000, 1_000_000_001L, 5_400_000_000_000L};
    for (long n : nanos) {
      Duration d = Duration.ofNanos(n);
      assertEquals(d, Durations.parse(Durations.format(d)), Durations.format(d));
    }
    Duration max = Duration.ofNanos(Long.MAX_VALUE);
    assertEquals(max, Durations.parse(Durations.format(max)));
  }
}
