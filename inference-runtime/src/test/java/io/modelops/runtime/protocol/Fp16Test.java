package io.modelops.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Fp16Test {
  @Test
  void knownBitPatterns() {
    assertEquals((short) 0x3c00, Fp16.fromFloat(1f));
    assertEquals((short) 0xc000, Fp16.fromFloat(-2f));
    assertEquals((short) 0x7bff, Fp16.fromFloat(65504f));
    assertEquals((short) 0x7c00, Fp16.fromFloat(1e6f));
    assertEquals((short) 0x0001, Fp16.fromFloat(5.9604645e-8f));
    assertEquals((short) 0x0000, Fp16.fromFloat(1e-10f));
    assertEquals((short) 0x8000, Fp16.fromFloat(-0f));
    assertEquals((short) 0x3555, Fp16.fromFloat(1f / 3));
    assertTrue(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(Float.NaN))));
    assertEquals(Float.NEGATIVE_INFINITY, Fp16.toFloat(Fp16.fromFloat(Float.NEGATIVE_INFINITY)));
  }

  @Test
  void everyHalfValueRoundTripsExactly() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = Fp16.toFloat((short) bits);
      if (Float.isNaN(f)) {
        continue;
      }
      assertEquals((short) bits, Fp16.fromFloat(f), "bits " + Integer.toHexString(bits));
    }
  }

  @Test
  void roundsToNearestEven() {
    // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to even (1)
    assertEquals((short) 0x3c00, Fp16.fromFloat(1f + 0x1p-11f));
    // 1 + 3*2^-11 lies between 1+2^-10 (odd) and 1+2^-9 (even): ties go to 1+2^-9
    assertEquals((short) 0x3c02, Fp16.fromFloat(1f + 3 * 0x1p-11f));
    assertEquals((short) 0x3c01, Fp16.fromFloat(1f + 0x1p-11f + 0x1p-20f));
  }
}
