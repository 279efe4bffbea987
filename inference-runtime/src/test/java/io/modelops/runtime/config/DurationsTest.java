package io.modelops.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesEveryUnit() {
    assertEquals(Duration.ofNanos(250), Durations.parse("250ns"));
    assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
    assertEquals(Duration.ofNanos(500_000), Durations.parse("500µs"));
    assertEquals(Duration.ofMillis(2), Durations.parse("2ms"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ofMinutes(3), Durations.parse("3m"));
    assertEquals(Duration.ofHours(1), Durations.parse(" 1h "));
    assertEquals(Duration.ofSeconds(20), Durations.parse("20S"));
  }

  @Test
  void rejectsMissingUnitsAndGarbageWithAClearMessage() {
    for (String bad : new String[] {"", "5", "ms", "-1s", "1 day", "1.s", "abc"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
      assertTrue(e.getMessage().contains("duration"), e.getMessage());
    }
  }

  @Test
  void formatsInTheLargestExactUnitAndRoundTrips() {
    assertEquals("2ms", Durations.format(Duration.ofMillis(2)));
    assertEquals("500us", Durations.format(Duration.ofNanos(500_000)));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
    assertEquals("1h", Durations.format(Duration.ofHours(1)));
    assertEquals("0ms", Durations.format(Duration.ZERO));
    for (String s : new String[] {"7ns", "3us", "1500ms", "20s", "10m", "2h"}) {
      assertEquals(Durations.parse(s), Durations.parse(Durations.format(Durations.parse(s))));
    }
  }
}
