package io.modelops.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest
  @CsvSource({
    "0,0s",
    "119,119s",
    "120,2m",
    "125,2m5s",
    "600,10m",
    "10799,179m",
    "10800,3h",
    "12600,3h30m",
    "28800,8h",
    "172800,2d",
    "180000,2d2h",
    "864000,10d"
  })
  void formatsLikeKubectl(long seconds, String expected) {
    assertEquals(expected, HumanDuration.format(Duration.ofSeconds(seconds)));
  }

  @org.junit.jupiter.api.Test
  void sinceHandlesMissingAndInvalidTimestamps() {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    assertEquals("5m", HumanDuration.since("2026-11-27T09:55:00Z", now));
    assertEquals("<unknown>", HumanDuration.since(null, now));
    assertEquals("<invalid>", HumanDuration.since("yesterday", now));
  }
}
