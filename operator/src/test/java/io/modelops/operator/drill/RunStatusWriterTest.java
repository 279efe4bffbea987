package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe evidence in status survives an operator restart: worst values are kept, not reset. */
class RunStatusWriterTest {

  @Test
  void theWorstP99AnEarlierOperatorRecordedStands() {
    assertEquals(Duration.ofMillis(412), RunStatusWriter.max(Duration.ofMillis(35), "412ms"));
    assertEquals(Duration.ofMillis(35), RunStatusWriter.max(Duration.ofMillis(35), "12ms"));
    assertEquals(Duration.ofMillis(35), RunStatusWriter.max(Duration.ofMillis(35), null));
    assertEquals(Duration.ofMillis(35), RunStatusWriter.max(Duration.ofMillis(35), "a while"));
    assertEquals(Duration.ofMillis(35), RunStatusWriter.max(Duration.ofMillis(35), "xms"));
  }
}
