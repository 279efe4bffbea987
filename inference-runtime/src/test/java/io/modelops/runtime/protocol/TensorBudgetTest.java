package io.modelops.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorBudgetTest {
  @Test
  void pricesShapesWithoutOverflow() {
    assertEquals(480_000_000L, TensorBudget.bytes(60_000_000L, 8));
    assertEquals(0, TensorBudget.bytes(0, 8));
    assertEquals(-1, TensorBudget.bytes(1L << 61, 8)); // would wrap to 0
    assertEquals(-1, TensorBudget.bytes(Long.MAX_VALUE, 1));
    assertEquals(-1, TensorBudget.bytes(-1, 4)); // elementCount's overflow marker
  }

  @Test
  void chargesUntilTheBudgetIsSpent() {
    long left = TensorBudget.charge("a", new long[] {2}, Datatype.FP32, 8, 10);
    assertEquals(2, left);
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> TensorBudget.charge("b", new long[] {1}, Datatype.FP32, 4, 2));
    assertEquals(413, e.status());
  }
}
