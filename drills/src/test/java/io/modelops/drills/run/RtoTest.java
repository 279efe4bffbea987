package io.modelops.drills.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RTO at 1 s resolution: rounded up, never negative. */
class RtoTest {

  @ParameterizedTest
  @CsvSource({"0, 0s", "1, 1s", "999, 1s", "1000, 1s", "1001, 2s", "41000, 41s", "-5, 0s"})
  void roundsUpToWholeSeconds(long millis, String shown) {
    Instant from = Instant.parse("2026-05-01T03:00:00Z");
    Duration rto = Rto.between(from, from.plusMillis(millis));
    assertEquals(shown, Rto.format(rto));
  }
}
