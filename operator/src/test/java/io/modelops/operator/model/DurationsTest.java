package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parsesUnitsAndCompounds() {
    assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
    assertEquals(Duration.ofMillis(2), Durations.parse("2ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(15), Durations.parse("15m"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "m5", "5 m", "5d", "1h x"})
  void rejectsWhatIsNotADuration(String value) {
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(value));
  }
}
